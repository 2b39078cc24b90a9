package io.crmsuite.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code data} of every event on {@link Topics#COMPLAINT_EVENTS}: the complaint as it is after the event, so a
 * consumer needs no other event to place it, plus the part that belongs to the event's type (null otherwise).
 * {@code actor} is the authenticated client that acted (or the service itself); {@code agent} the person's name the
 * client gave, not authenticated. {@code escalationLevel} counts the escalation steps applied in the running cycle;
 * {@code escalation} is the part of {@code complaint.escalated}.
 */
public record ComplaintEventData(
        UUID complaintId,
        UUID customerId,
        String customerMatch,
        String customerTier,
        String channel,
        String category,
        String severity,
        String source,
        String status,
        Instant receivedAt,
        String actor,
        Instant at,
        Sla sla,
        Assignment assignment,
        Resolution resolution,
        Satisfaction satisfaction,
        String reason,
        String agent,
        int escalationLevel,
        Escalation escalation) {

    /** Without the escalation fields (level 0, no escalation part): the data as it was before escalations existed. */
    public ComplaintEventData(UUID complaintId, UUID customerId, String customerMatch, String customerTier,
            String channel, String category, String severity, String source, String status, Instant receivedAt,
            String actor, Instant at, Sla sla, Assignment assignment, Resolution resolution, Satisfaction satisfaction,
            String reason, String agent) {
        this(complaintId, customerId, customerMatch, customerTier, channel, category, severity, source, status,
                receivedAt, actor, at, sla, assignment, resolution, satisfaction, reason, agent, 0, null);
    }

    /**
     * The resolution clock of the current cycle (a reopened complaint starts a new cycle). Durations in seconds;
     * {@code elapsedSeconds} excludes time on hold.
     */
    public record Sla(int cycle, String policy, int policyVersion, long targetSeconds, Instant startedAt,
            Instant dueAt, String status, long elapsedSeconds, long pausedSeconds) {
    }

    /** {@code agent} is null when an escalation step moved the complaint to a team's queue. */
    public record Assignment(String agent, String team) {
    }

    /**
     * One escalation step: its name ({@code crm.sla.escalation.<step>}), the level it raised the complaint to, what
     * it counts from ({@code AT_RISK} or {@code BREACHED}), the team and severity before and after it, and its moment.
     */
    public record Escalation(String step, int level, String trigger, String fromTeam, String toTeam,
            String fromAgent, String fromSeverity, String toSeverity, Instant at) {
    }

    /** {@code durationSeconds} excludes time on hold; {@code met} says whether it was within the target. */
    public record Resolution(String code, String summary, String compensationKind, BigDecimal compensationAmount,
            long durationSeconds, boolean met, Long firstResponseSeconds) {
    }

    public record Satisfaction(int score, Boolean wouldBuyAgain, String comment) {
    }
}
