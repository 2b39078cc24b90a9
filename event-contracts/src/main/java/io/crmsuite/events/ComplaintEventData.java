package io.crmsuite.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code data} of every event on {@link Topics#COMPLAINT_EVENTS}: the complaint as it is after the event, so a
 * consumer needs no other event to place it, plus the part that belongs to the event's type (null otherwise).
 * {@code actor} is the authenticated client that acted (or the service itself); {@code agent} the person's name the
 * client gave, not authenticated.
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
        String agent) {

    /**
     * The resolution clock of the current cycle (a reopened complaint starts a new cycle). Durations in seconds;
     * {@code elapsedSeconds} excludes time on hold.
     */
    public record Sla(int cycle, String policy, int policyVersion, long targetSeconds, Instant startedAt,
            Instant dueAt, String status, long elapsedSeconds, long pausedSeconds) {
    }

    public record Assignment(String agent, String team) {
    }

    /** {@code durationSeconds} excludes time on hold; {@code met} says whether it was within the target. */
    public record Resolution(String code, String summary, String compensationKind, BigDecimal compensationAmount,
            long durationSeconds, boolean met, Long firstResponseSeconds) {
    }

    public record Satisfaction(int score, Boolean wouldBuyAgain, String comment) {
    }
}
