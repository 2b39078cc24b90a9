package io.crmsuite.analytics.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.crmsuite.analytics.store.Generation;
import io.crmsuite.analytics.store.Histogram;
import io.crmsuite.analytics.store.Increments;
import io.crmsuite.events.CloudEvent;
import io.crmsuite.events.EventTypes;

/**
 * Projects complaint events onto the complaint facts and the daily buckets:
 * {@code c.<dim>.<value>.<counter>} for the SLA figures (dim = all, category, channel, severity, tier),
 * {@code b.<state>} deltas for the backlog, {@code r.<class>.<counter>} for retention by resolution.
 */
final class ComplaintProjector {

    static final String OPEN = "open";
    static final String NONE = "NONE";

    private final Duration resolutionRule;
    private final Duration retentionWindow;

    ComplaintProjector(Duration resolutionRule, Duration retentionWindow) {
        this.resolutionRule = resolutionRule;
        this.retentionWindow = retentionWindow;
    }

    Projection project(Document state, CloudEvent event, Generation g) {
        JsonNode d = event.data();
        Instant at = Events.instant(d, "at");
        Increments inc = new Increments(event.id());
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
            case EventTypes.COMPLAINT_SLA_BREACHED -> inc.addAll(at, "c", dims, "breached", 1);
            case EventTypes.COMPLAINT_HELD -> onHold = true;
            case EventTypes.COMPLAINT_RESUMED -> onHold = false;
            case EventTypes.COMPLAINT_RESOLVED -> {
                onHold = false;
                JsonNode r = Events.required(d, "resolution");
                long seconds = r.path("durationSeconds").asLong();
                inc.addAll(at, "c", dims, "resolved", 1);
                inc.addAll(at, "c", dims, "withinTarget", r.path("met").asBoolean() ? 1 : 0);
                inc.addAll(at, "c", dims, "within24h", seconds <= resolutionRule.toSeconds() ? 1 : 0);
                inc.addAll(at, "c", dims, "resSec", seconds);
                inc.addAll(at, "c", dims, "resH." + Histogram.bucketOf(seconds), 1);
                inc.addAll(at, "c", dims, "resS." + Histogram.bucketOf(seconds), seconds);
                if (!r.path("firstResponseSeconds").isNull() && !r.path("firstResponseSeconds").isMissingNode()) {
                    firstResponse(state, set, inc, dims, at, r.path("firstResponseSeconds").asLong(), d);
                }
                set.append("resolvedAt", Date.from(at)).append("resolutionSeconds", seconds)
                        .append("met", r.path("met").asBoolean());
                if (state.get("firstResolvedAt") == null) {
                    set.append("firstResolvedAt", Date.from(at)).append("firstResolutionSeconds", seconds);
                }
            }
            case EventTypes.COMPLAINT_REOPENED -> {
                inc.addAll(at, "c", dims, "reopened", 1);
                set.append("reopened", state.getInteger("reopened", 0) + 1).append("resolvedAt", null);
            }
            case EventTypes.COMPLAINT_SATISFACTION_RECORDED -> {
                int score = Events.required(d, "satisfaction").path("score").asInt();
                inc.addAll(at, "c", dims, "satSum", score);
                inc.addAll(at, "c", dims, "satCount", 1);
                set.append("satisfaction", score);
            }
            case EventTypes.COMPLAINT_ASSIGNED, EventTypes.COMPLAINT_CLOSED, EventTypes.COMPLAINT_CUSTOMER_LINKED -> {
                // state only (status, customer): counted through the fields below
            }
            default -> throw new IllegalArgumentException("unknown complaint event type " + type);
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
                .append("source", Events.text(d, "source"));
        retention(state, set, inc, d, g);
        return new Projection(set, inc);
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
     * complaint was received, and whether the customer bought again within the window after it (or after the
     * complaint, while unresolved). Only complaints tied to a customer count.
     */
    private void retention(Document state, Document set, Increments inc, JsonNode d, Generation g) {
        String customerId = Events.text(d, "customerId");
        if (customerId == null) {
            return;
        }
        Instant received = Events.instant(d, "receivedAt");
        Date firstResolved = set.getDate("firstResolvedAt") != null ? set.getDate("firstResolvedAt")
                : state.getDate("firstResolvedAt");
        Long firstSeconds = set.getLong("firstResolutionSeconds") != null ? set.getLong("firstResolutionSeconds")
                : state.getLong("firstResolutionSeconds");
        String cls = firstResolved == null ? "UNRESOLVED"
                : firstSeconds <= resolutionRule.toSeconds() ? "WITHIN_24H" : "LATER";
        Instant ref = firstResolved == null ? received : firstResolved.toInstant();
        String oldCls = state.getString("retentionClass");
        boolean oldBought = state.getBoolean("boughtAgain", false);
        if (cls.equals(oldCls)) {
            return;
        }
        boolean bought = boughtWithin(g, customerId, ref);
        if (oldCls == null) {
            // the customer's facts list their complaints, so a purchase finds them by id, not by a scan
            g.customers().updateOne(Filters.eq("_id", customerId), Updates.combine(Updates.addToSet("complaintIds",
                    state.get("_id", Events.text(d, "complaintId"))), Updates.setOnInsert("version", 0L)),
                    new com.mongodb.client.model.UpdateOptions().upsert(true));
        }
        if (oldCls != null) {
            inc.add(received, "r." + oldCls + ".complainants", -1);
            inc.add(received, "r." + oldCls + ".boughtAgain", oldBought ? -1 : 0);
        }
        inc.add(received, "r." + cls + ".complainants", 1);
        inc.add(received, "r." + cls + ".boughtAgain", bought ? 1 : 0);
        set.append("retentionClass", cls).append("retentionRef", Date.from(ref)).append("boughtAgain", bought);
    }

    private boolean boughtWithin(Generation g, String customerId, Instant ref) {
        Document customer = g.customers().find(Filters.eq("_id", customerId)).first();
        if (customer == null) {
            return false;
        }
        Instant end = ref.plus(retentionWindow);
        List<Date> purchases = customer.getList("purchaseTimes", Date.class, List.of());
        return purchases.stream().map(Date::toInstant).anyMatch(t -> t.isAfter(ref) && !t.isAfter(end));
    }

    /**
     * A purchase by a complainant: complaints whose reference time lies within the window before it now count
     * as "bought again". The conditional update makes each complaint count once.
     */
    void purchaseMade(Generation g, String customerId, Instant purchasedAt, Increments inc) {
        Document customer = g.customers().find(Filters.eq("_id", customerId))
                .projection(com.mongodb.client.model.Projections.include("complaintIds")).first();
        List<String> complaintIds = customer == null ? List.of() : customer.getList("complaintIds", String.class, List.of());
        if (complaintIds.isEmpty()) {
            return;
        }
        Instant from = purchasedAt.minus(retentionWindow);
        // by _id alone (an index lookup on the local stand-in too), the rest of the condition checked here
        for (Document c : g.complaints().find(Filters.in("_id", complaintIds))) {
            Date ref = c.getDate("retentionRef");
            if (c.getBoolean("boughtAgain", true) || ref == null || ref.toInstant().isBefore(from)
                    || !ref.toInstant().isBefore(purchasedAt)) {
                continue;
            }
            var marked = g.complaints().updateOne(Filters.and(Filters.eq("_id", c.get("_id")),
                    Filters.eq("boughtAgain", false), Filters.eq("retentionClass", c.getString("retentionClass"))),
                    Updates.set("boughtAgain", true));
            if (marked.getModifiedCount() == 1) {
                inc.add(c.getDate("receivedAt").toInstant(), "r." + c.getString("retentionClass") + ".boughtAgain", 1);
            }
        }
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
