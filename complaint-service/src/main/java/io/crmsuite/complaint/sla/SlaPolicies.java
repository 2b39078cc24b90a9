package io.crmsuite.complaint.sla;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.crmsuite.complaint.config.SlaConfig;
import io.crmsuite.complaint.complaint.Enums.Severity;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Chooses the policy that sets a complaint's target: among the configured policies matching its severity and
 * the customer's tier, the most demanding (shortest target); the default 24 clock hours when none matches.
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

    public Chosen choose(Severity severity, String customerTier) {
        Optional<Map.Entry<String, SlaConfig.Policy>> match = config.policies().entrySet().stream()
                .filter(e -> e.getValue().severity().map(s -> s.equalsIgnoreCase(severity.name())).orElse(true))
                .filter(e -> e.getValue().tier().map(t -> t.equalsIgnoreCase(customerTier)).orElse(true))
                .min(Comparator.comparing((Map.Entry<String, SlaConfig.Policy> e) -> e.getValue().target())
                        .thenComparing(Map.Entry::getKey));
        if (match.isEmpty()) {
            return new Chosen(DEFAULT, config.policiesVersion(), config.defaultTarget(), null, WorkingTime.CLOCK);
        }
        SlaConfig.Policy policy = match.get().getValue();
        String calendar = policy.calendar().orElse(null);
        return new Chosen(match.get().getKey(), config.policiesVersion(), policy.target(), calendar, timeOf(calendar));
    }

    /** The time a stored clock counts in: by its calendar name, clock hours when none. */
    public WorkingTime timeOf(String calendarName) {
        return calendarName == null ? WorkingTime.CLOCK : calendars.getOrDefault(calendarName, WorkingTime.CLOCK);
    }

    public double warningRatio() {
        return config.warningRatio();
    }

}
