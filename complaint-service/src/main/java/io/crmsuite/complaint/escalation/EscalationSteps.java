package io.crmsuite.complaint.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.Enums.Category;
import io.crmsuite.complaint.complaint.Enums.Severity;
import io.crmsuite.complaint.config.SlaConfig;
import io.crmsuite.complaint.config.SlaConfig.Trigger;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The escalation steps of {@code crm.sla.escalation.<name>}: which apply to a complaint, and what applying one
 * changes. When a step falls due is the clock's arithmetic ({@code SlaClock}); the recorder
 * ({@code SlaRecorder}) applies the due ones in the order of their moments, in the complaint's conditional write.
 * Checked at start-up: a step that cannot work stops the service with the setting's name.
 */
@ApplicationScoped
@Startup
public class EscalationSteps {

    /** The longest team name an agent may give when assigning; a step's team is held to the same. */
    static final int MAX_TEAM = 100;

    /**
     * One step. The filters ({@code severity}, {@code tier}, {@code category}; null matches any) are matched against
     * the complaint as it is when the step falls due, so a severity raised by an earlier step counts.
     */
    public record Step(String name, Trigger on, Duration after, String toTeam, int severityRaise, Severity severity,
            String tier, Category category) {

        public boolean matches(Complaint c) {
            return (severity == null || severity == c.severity)
                    && (tier == null || tier.equalsIgnoreCase(c.customerTier))
                    && (category == null || category == c.category);
        }

        /**
         * Applies the step to the complaint at {@code at}, as escalation number {@code level} of its running cycle:
         * moves it to {@code toTeam}'s queue (clearing the agent, who belongs to the team it leaves; nothing moves
         * when it is there already), raises the severity (at most to CRITICAL), sets the level and adds the step to
         * the cycle. The running cycle's clock stays as it was: the deadline the complaint is escalated against does
         * not move; a raised severity chooses the policy of the next cycle.
         */
        public Complaint.Escalation applyTo(Complaint c, int level, Instant at) {
            Complaint.Escalation e = new Complaint.Escalation();
            e.step = name;
            e.level = level;
            e.trigger = on.name();
            e.at = at;
            e.fromTeam = c.team;
            e.fromAgent = c.assignee;
            e.fromSeverity = c.severity;
            if (toTeam != null && !toTeam.equals(c.team)) {
                c.team = toTeam;
                c.assignee = null;
            }
            c.severity = raised(c.severity, severityRaise);
            e.toTeam = c.team;
            e.toSeverity = c.severity;
            c.escalationLevel = level;
            c.sla.escalations.add(e);
            return e;
        }
    }

    private final List<Step> steps;

    @Inject
    public EscalationSteps(SlaConfig config) {
        this(config.escalation());
    }

    /** The steps of a configuration (by name, so that steps falling due at the same moment apply in name order). */
    public EscalationSteps(Map<String, ? extends SlaConfig.Escalation> config) {
        this.steps = config.entrySet().stream().map(e -> step(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(Step::name)).toList();
    }

    /** Every configured step, by name. */
    public List<Step> all() {
        return steps;
    }

    /**
     * The steps still to come in the complaint's running cycle: those matching it as it is now and not applied in
     * this cycle yet, by name.
     */
    public List<Step> pending(Complaint c) {
        if (steps.isEmpty()) {
            return List.of();
        }
        return steps.stream().filter(s -> s.matches(c))
                .filter(s -> c.sla.escalations.stream().noneMatch(e -> e.step.equals(s.name()))).toList();
    }

    /** {@code severity} raised by {@code steps}, at most to the highest. */
    static Severity raised(Severity severity, int steps) {
        Severity[] all = Severity.values();
        return all[Math.min(severity.ordinal() + steps, all.length - 1)];
    }

    private static Step step(String name, SlaConfig.Escalation s) {
        String prefix = "crm.sla.escalation." + name + ".";
        if (s.after().isNegative()) {
            throw new IllegalArgumentException(prefix + "after must not be negative: " + s.after());
        }
        if (s.severityRaise() < 0) {
            throw new IllegalArgumentException(prefix + "severity-raise must be 0 or more: " + s.severityRaise());
        }
        String team = s.toTeam().map(String::trim).orElse(null);
        if (team != null && (team.isEmpty() || team.length() > MAX_TEAM)) {
            throw new IllegalArgumentException(prefix + "to-team must be 1 to " + MAX_TEAM + " characters");
        }
        return new Step(name, s.on(), s.after(), team, s.severityRaise(),
                s.severity().map(v -> enumOf(Severity.class, prefix + "severity", v)).orElse(null),
                s.tier().map(String::trim).orElse(null),
                s.category().map(v -> enumOf(Category.class, prefix + "category", v)).orElse(null));
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String setting, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is '" + value + "', not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }
}
