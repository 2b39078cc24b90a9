package io.crmsuite.complaint.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.config.SlaConfig;
import io.crmsuite.complaint.complaint.Enums.Severity;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Chooses the policy that sets a complaint's target: among the configured policies matching its severity and
 * the customer's tier, the one whose deadline comes first from the clock's start (a target of 9 business hours
 * can end later than one of 12 clock hours: the nominal durations are not compared); the default 24 clock hours
 * when none matches.
 */
@ApplicationScoped
public class SlaPolicies {

    public static final String DEFAULT = "default";

    /** A chosen policy: its name, version, target and the time it counts in. */
    public record Chosen(String name, int version, Duration target, String calendarName, WorkingTime time) {
    }

    private final SlaConfig config;
    private final Map<String, WorkingTime> calendars = new HashMap<>();

    public SlaPolicies(SlaConfig config) {
        this.config = config;
        config.calendars().forEach((name, c) -> calendars.put(name, new BusinessCalendar(ZoneId.of(c.zone()), c.days(),
                c.start(), c.end(), c.holidays().map(java.util.Set::copyOf).orElse(java.util.Set.of()))));
        config.policies().forEach((name, p) -> {
            p.calendar().ifPresent(cal -> {
                if (!calendars.containsKey(cal)) {
                    throw new IllegalArgumentException("crm.sla.policies." + name + ".calendar names an unknown "
                            + "calendar '" + cal + "'; define crm.sla.calendars." + cal);
                }
            });
            if (p.target().isNegative() || p.target().isZero()) {
                throw new IllegalArgumentException("crm.sla.policies." + name + ".target must be positive");
            }
        });
    }

    /**
     * The matching policy whose deadline from {@code start} comes first; on the same deadline the shorter target,
     * then the name, so the choice never depends on the order of the configuration.
     */
    public Chosen choose(Severity severity, String customerTier, Instant start) {
        return matching(severity, customerTier).stream()
                .min(Comparator.comparing((Chosen p) -> p.time().plus(start, p.target()))
                        .thenComparing(Chosen::target).thenComparing(Chosen::name))
                .orElseThrow();
    }

    /**
     * The policies matching a severity and a tier (a policy without severity or tier matches any; a tier policy
     * does not match an unknown tier); the default 24 clock hours alone when none does.
     */
    public List<Chosen> matching(Severity severity, String customerTier) {
        List<Chosen> matching = config.policies().entrySet().stream()
                .filter(e -> e.getValue().severity().map(s -> s.equalsIgnoreCase(severity.name())).orElse(true))
                .filter(e -> e.getValue().tier().map(t -> t.equalsIgnoreCase(customerTier)).orElse(true))
                .map(e -> {
                    String calendar = e.getValue().calendar().orElse(null);
                    return new Chosen(e.getKey(), config.policiesVersion(), e.getValue().target(), calendar,
                            timeOf(calendar));
                }).toList();
        return matching.isEmpty()
                ? List.of(new Chosen(DEFAULT, config.policiesVersion(), config.defaultTarget(), null, WorkingTime.CLOCK))
                : matching;
    }

    /**
     * The running cycle's clock under the policy matching {@code severity} and {@code customerTier} whose deadline
     * comes first, when that deadline is earlier than the clock's own (both as if a hold ended {@code now}): the
     * same start and holds, see {@link SlaClock#rebase}. Empty when no policy gives an earlier deadline (a later
     * one is never taken), and for a clock that is stopped or already breached (its outcome is known).
     */
    public Optional<Complaint.Clock> earlierClock(Complaint.Clock current, Severity severity, String customerTier,
            Instant now) {
        if (current.stoppedAt != null || current.breachedAt != null) {
            return Optional.empty();
        }
        WorkingTime currentTime = timeOf(current.calendar);
        Instant currentDeadline = SlaClock.deadlineIfResumed(current, currentTime, now);
        Comparator<Complaint.Clock> byDeadline = Comparator
                .comparing((Complaint.Clock n) -> SlaClock.deadlineIfResumed(n, timeOf(n.calendar), now))
                .thenComparingLong(n -> n.targetSeconds).thenComparing(n -> n.policy);
        return matching(severity, customerTier).stream()
                .map(p -> SlaClock.rebase(current, currentTime, p, warningRatio()))
                .filter(n -> SlaClock.deadlineIfResumed(n, timeOf(n.calendar), now).isBefore(currentDeadline))
                .min(byDeadline);
    }

    /** The time a stored clock counts in: by its calendar name, clock hours when none. */
    public WorkingTime timeOf(String calendarName) {
        return calendarName == null ? WorkingTime.CLOCK : calendars.getOrDefault(calendarName, WorkingTime.CLOCK);
    }

    public double warningRatio() {
        return config.warningRatio();
    }

}
