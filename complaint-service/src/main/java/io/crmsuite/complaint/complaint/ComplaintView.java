package io.crmsuite.complaint.complaint;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.crmsuite.complaint.complaint.Enums.Category;
import io.crmsuite.complaint.complaint.Enums.Channel;
import io.crmsuite.complaint.complaint.Enums.ClockStatus;
import io.crmsuite.complaint.complaint.Enums.CustomerMatch;
import io.crmsuite.complaint.complaint.Enums.Severity;
import io.crmsuite.complaint.complaint.Enums.Status;

/** A complaint as the API shows it, with its clock computed at the time of the request. */
public record ComplaintView(
        String id,
        String customerId,
        CustomerMatch customerMatch,
        String customerTier,
        Contact contact,
        Channel channel,
        Category category,
        Severity severity,
        String description,
        String source,
        String externalRef,
        Map<String, String> attributes,
        Instant occurredAt,
        Instant receivedAt,
        Instant acknowledgedAt,
        Instant resolvedAt,
        Instant closedAt,
        Status status,
        List<String> allowedActions,
        String assignee,
        String team,
        int escalationLevel,
        Resolution resolution,
        Satisfaction satisfaction,
        Sla sla,
        List<Sla> previousCycles,
        List<TimelineEntry> timeline,
        Instant updatedAt,
        long version,
        long revision) {

    public record Contact(String phone, String email) {
    }

    /** The resolution clock: durations are ISO-8601 ({@code PT3H12M}); elapsed excludes time on hold. */
    public record Sla(int cycle, String policy, int policyVersion, Duration target, String calendar, Instant startedAt,
            Instant dueAt, ClockStatus status, Duration elapsed, Duration remaining, Duration paused, boolean onHold,
            Instant warnedAt, Instant breachedAt, Instant stoppedAt, List<Escalation> escalations) {
    }

    /**
     * An escalation step applied in the cycle, at its own moment: what it counted from ({@code AT_RISK} or
     * {@code BREACHED}), the level it raised the complaint to, and the team and severity before and after it.
     */
    public record Escalation(String step, int level, String trigger, Instant at, String fromTeam, String toTeam,
            String fromAgent, Severity fromSeverity, Severity toSeverity) {
    }

    public record Resolution(String resolutionCode, String summary, Compensation compensation, Duration duration,
            boolean met) {
    }

    public record Compensation(String kind, BigDecimal amount) {
    }

    public record Satisfaction(int score, Boolean wouldBuyAgain, String comment, Instant at) {
    }

    /** {@code actor}: the authenticated client; {@code agent}: the name it gave, if any (not authenticated). */
    public record TimelineEntry(Instant at, String type, String actor, String agent, Map<String, String> details) {
    }
}
