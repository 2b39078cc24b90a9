package io.crmsuite.analytics.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bson.Document;

import com.fasterxml.jackson.databind.JsonNode;

import io.crmsuite.analytics.store.Histogram;
import io.crmsuite.analytics.store.Increments;
import io.crmsuite.events.CloudEvent;
import io.crmsuite.events.EventTypes;
import io.crmsuite.platform.consumer.InvalidEventException;

/**
 * Projects complaint events onto the complaint facts and the daily buckets:
 * {@code c.<dim>.<value>.<counter>} for the SLA figures (dim = all, category, channel, severity, tier),
 * {@code b.<state>} deltas for the backlog; and the complaint's retention class for the customer's retention book.
 * An escalation step counts in {@code escalations} on the day of its moment (the dimensions as after the step: a
 * raised severity counts under the new one); every event sets the complaint's {@code escalationLevel}.
 * A pure function of the complaint's facts and the event: it reads and writes nothing itself.
 * <p>
 * A complaint's resolution figures (resolved, within target, within 24 hours, durations) are those of its first
 * resolution, the end of cycle 1; a resolution after a reopen counts as {@code resolvedAfterReopen} only. Its
 * cycle-1 deadline counts once in {@code dueInPeriod}, on the day of that deadline, at the first event that makes
 * the outcome known: the first resolution when it met the target ({@code metInPeriod} too), else the breach (or a
 * missed resolution when no breach came before it). Until then the deadline may still move (holds, a policy
 * chosen again), and nothing is counted.
 */
final class ComplaintProjector {

    static final String OPEN = "open";
    static final String NONE = "NONE";

    private final Duration resolutionRule;

    ComplaintProjector(Duration resolutionRule) {
        this.resolutionRule = resolutionRule;
    }

    Projection project(Document state, CloudEvent event) {
        JsonNode d = event.data();
        Instant at = Events.instant(d, "at");
        Increments inc = new Increments();
        Document set = new Document();
        Map<String, String> dims = dimensions(d);
        String type = event.type();

        String backlogBefore = state.getString("backlogState") == null ? NONE : state.getString("backlogState");
        boolean onHold = state.getBoolean("onHold", false);
        String clock = Events.text(d.path("sla"), "status");
        boolean open = !"RESOLVED".equals(Events.text(d, "status")) && !"CLOSED".equals(Events.text(d, "status"));

        switch (type) {
            case EventTypes.COMPLAINT_RECEIVED -> {
                inc.addAll(at, "c", dims, "received", 1);
                set.append("receivedAt", Date.from(Events.instant(d, "receivedAt")));
            }
            case EventTypes.COMPLAINT_ACKNOWLEDGED -> firstResponse(state, set, inc, dims, at,
                    Duration.between(Events.instant(d.path("sla"), "startedAt"), at).toSeconds(), d);
            case EventTypes.COMPLAINT_SLA_WARNING -> inc.addAll(at, "c", dims, "warnings", 1);
            case EventTypes.COMPLAINT_SLA_BREACHED -> {
                inc.addAll(at, "c", dims, "breached", 1);
                if (cycle(d) == 1) {
                    deadlineOutcome(state, set, inc, dims, d, false);
                }
            }
            case EventTypes.COMPLAINT_HELD -> onHold = true;
            case EventTypes.COMPLAINT_RESUMED -> onHold = false;
            case EventTypes.COMPLAINT_RESOLVED -> {
                onHold = false;
                JsonNode r = Events.required(d, "resolution");
                long seconds = r.path("durationSeconds").asLong();
                boolean met = r.path("met").asBoolean();
                if (cycle(d) == 1) {
                    inc.addAll(at, "c", dims, "resolved", 1);
                    inc.addAll(at, "c", dims, "withinTarget", met ? 1 : 0);
                    inc.addAll(at, "c", dims, "within24h", seconds <= resolutionRule.toSeconds() ? 1 : 0);
                    long wallMillis = Duration.between(Events.instant(d.path("sla"), "startedAt"), at).toMillis();
                    inc.addAll(at, "c", dims, "within24hWallClock", wallMillis <= resolutionRule.toMillis() ? 1 : 0);
                    inc.addAll(at, "c", dims, "resSec", seconds);
                    inc.addAll(at, "c", dims, "resH." + Histogram.bucketOf(seconds), 1);
                    inc.addAll(at, "c", dims, "resS." + Histogram.bucketOf(seconds), seconds);
                    deadlineOutcome(state, set, inc, dims, d, met);
                } else {
                    inc.addAll(at, "c", dims, "resolvedAfterReopen", 1);
                }
                JsonNode compensation = r.path("compensationAmount");
                if (!compensation.isNull() && !compensation.isMissingNode()) {
                    inc.addAll(at, "c", dims, "compensationCents", Events.cents(compensation));
                }
                if (!r.path("firstResponseSeconds").isNull() && !r.path("firstResponseSeconds").isMissingNode()) {
                    firstResponse(state, set, inc, dims, at, r.path("firstResponseSeconds").asLong(), d);
                }
                set.append("resolvedAt", Date.from(at)).append("resolutionSeconds", seconds).append("met", met);
                if (state.get("firstResolvedAt") == null) {
                    set.append("firstResolvedAt", Date.from(at)).append("firstResolutionSeconds", seconds);
                }
            }
            case EventTypes.COMPLAINT_REOPENED -> {
                inc.addAll(at, "c", dims, "reopened", 1);
                set.append("reopened", state.getInteger("reopened", 0) + 1).append("resolvedAt", null);
            }
            case EventTypes.COMPLAINT_SATISFACTION_RECORDED -> {
                JsonNode satisfaction = Events.required(d, "satisfaction");
                int score = satisfaction.path("score").asInt();
                if (score < 1 || score > 5) {
                    throw new InvalidEventException("data.satisfaction.score must be 1 to 5: " + satisfaction.path("score"));
                }
                inc.addAll(at, "c", dims, "satSum", score);
                inc.addAll(at, "c", dims, "satCount", 1);
                inc.addAll(at, "c", dims, "satisfaction." + score, 1);
                JsonNode wouldBuyAgain = satisfaction.path("wouldBuyAgain");
                if (wouldBuyAgain.isBoolean()) {
                    inc.addAll(at, "c", dims, "wouldBuyAgainAnswered", 1);
                    inc.addAll(at, "c", dims, "wouldBuyAgainYes", wouldBuyAgain.asBoolean() ? 1 : 0);
                }
                set.append("satisfaction", score);
            }
            case EventTypes.COMPLAINT_ESCALATED -> inc.addAll(at, "c", dims, "escalations", 1);
            case EventTypes.COMPLAINT_ASSIGNED, EventTypes.COMPLAINT_CLOSED, EventTypes.COMPLAINT_CUSTOMER_LINKED -> {
                // state only (status, customer): counted through the fields below
            }
            default -> throw new InvalidEventException("unknown complaint event type " + type);
        }

        String backlogAfter = !open ? NONE : onHold ? "ON_HOLD" : clock;
        if (!backlogAfter.equals(backlogBefore)) {
            if (!NONE.equals(backlogBefore)) {
                inc.add(at, "b." + backlogBefore, -1);
            }
            if (!NONE.equals(backlogAfter)) {
                inc.add(at, "b." + backlogAfter, 1);
            }
            int openDelta = (NONE.equals(backlogBefore) ? 0 : -1) + (NONE.equals(backlogAfter) ? 0 : 1);
            inc.add(at, "b." + OPEN, openDelta);
        }
        set.append("backlogState", backlogAfter).append("onHold", onHold).append(OPEN, open)
                .append("status", Events.text(d, "status")).append("clock", clock)
                .append("dueAt", Date.from(Events.instant(d.path("sla"), "dueAt")))
                .append("cycle", d.path("sla").path("cycle").asInt())
                .append("customerId", Events.text(d, "customerId"))
                .append("category", Events.text(d, "category")).append("channel", Events.text(d, "channel"))
                .append("severity", Events.text(d, "severity")).append("tier", Events.text(d, "customerTier"))
                .append("source", Events.text(d, "source"))
                .append("escalationLevel", d.path("escalationLevel").asInt(0));
        return new Projection(set, inc, retention(state, set, d, event.aggregateversion()));
    }

    /** The resolution cycle an event belongs to (1 until the first reopen). */
    private static int cycle(JsonNode d) {
        JsonNode cycle = Events.required(Events.required(d, "sla"), "cycle");
        if (!cycle.canConvertToInt() || cycle.asInt() < 1) {
            throw new InvalidEventException("data.sla.cycle must be a number from 1: " + cycle);
        }
        return cycle.asInt();
    }

    /**
     * Counted once per complaint ({@code dueCounted} in its facts), at the first event that makes the outcome of its
     * cycle-1 deadline known, on the UTC day of that deadline: {@code dueInPeriod}, and {@code metInPeriod} when it
     * was met. The deadline is the event's {@code sla.dueAt}, final by then: a resolution stops the clock, and a
     * breach is recorded at the deadline itself.
     */
    private static void deadlineOutcome(Document state, Document set, Increments inc, Map<String, String> dims,
            JsonNode d, boolean met) {
        if (state.getBoolean("dueCounted", false)) {
            return;
        }
        Instant deadline = Events.instant(d.path("sla"), "dueAt");
        inc.addAll(deadline, "c", dims, "dueInPeriod", 1);
        inc.addAll(deadline, "c", dims, "metInPeriod", met ? 1 : 0);
        set.append("dueCounted", true);
    }

    /** Counted once per complaint: its first response, in hours from when the clock started. */
    private static void firstResponse(Document state, Document set, Increments inc, Map<String, String> dims, Instant at,
            long seconds, JsonNode d) {
        if (state.getBoolean("firstResponseCounted", false) || d.path("sla").path("cycle").asInt() != 1) {
            return;
        }
        inc.addAll(at, "c", dims, "frSec", seconds);
        inc.addAll(at, "c", dims, "frCount", 1);
        inc.addAll(at, "c", dims, "frH." + Histogram.bucketOf(seconds), 1);
        inc.addAll(at, "c", dims, "frS." + Histogram.bucketOf(seconds), seconds);
        set.append("firstResponseCounted", true).append("firstResponseSeconds", seconds);
    }

    /**
     * Complainants by outcome of their first resolution (WITHIN_24H, LATER, UNRESOLVED), counted on the day the
     * complaint was received; whether they bought again is the customer's retention book's to say (it sees the
     * purchases too). A change is sent when the class or its reference time moves; only complaints tied to a
     * customer count.
     */
    private RetentionChange retention(Document state, Document set, JsonNode d, long version) {
        String customerId = Events.text(d, "customerId");
        if (customerId == null) {
            return null;
        }
        Instant received = Events.instant(d, "receivedAt");
        Date firstResolved = set.getDate("firstResolvedAt") != null ? set.getDate("firstResolvedAt")
                : state.getDate("firstResolvedAt");
        Long firstSeconds = set.getLong("firstResolutionSeconds") != null ? set.getLong("firstResolutionSeconds")
                : state.getLong("firstResolutionSeconds");
        String cls = firstResolved == null ? "UNRESOLVED"
                : firstSeconds <= resolutionRule.toSeconds() ? "WITHIN_24H" : "LATER";
        Date ref = firstResolved == null ? Date.from(received) : firstResolved;
        if (cls.equals(state.getString("retentionClass")) && ref.equals(state.getDate("retentionRef"))
                && customerId.equals(state.getString("retentionCustomer"))) {
            return null;
        }
        set.append("retentionClass", cls).append("retentionRef", ref).append("retentionCustomer", customerId);
        return RetentionChange.complaint(customerId, Events.text(d, "complaintId"), version,
                Increments.dayOf(received), cls, ref.toInstant());
    }

    private static Map<String, String> dimensions(JsonNode d) {
        Map<String, String> dims = new LinkedHashMap<>();
        dims.put("all", "_");
        dims.put("category", Increments.key(Events.text(d, "category")));
        dims.put("channel", Increments.key(Events.text(d, "channel")));
        dims.put("severity", Increments.key(Events.text(d, "severity")));
        dims.put("tier", Increments.key(Events.text(d, "customerTier")));
        return dims;
    }
}
