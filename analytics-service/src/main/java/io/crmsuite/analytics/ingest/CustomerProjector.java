package io.crmsuite.analytics.ingest;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.bson.Document;

import com.fasterxml.jackson.databind.JsonNode;

import io.crmsuite.analytics.store.Increments;
import io.crmsuite.events.CloudEvent;
import io.crmsuite.events.EventTypes;
import io.crmsuite.platform.consumer.InvalidEventException;

/**
 * Projects customer events onto the customer's facts ({@link CustomerState}) and the day buckets: the base and
 * its moves ({@link CustomerBase}), registrations, churns, erasures, purchases, revenue and margin in cents under
 * {@code u.<dim>.<value>.<counter>} (dim = all, region, businessCategory, kind, tier, accountOwner), tier moves
 * ({@link TierMoves}), churn value ({@link ChurnValue}); each purchase as a document of its own (for value by
 * tier) and for the customer's retention book. A pure function of the customer's facts and the event.
 */
final class CustomerProjector {

    Projection project(Document facts, CloudEvent event) {
        JsonNode d = event.data();
        Increments inc = new Increments();
        CustomerState s = new CustomerState(facts);
        RetentionChange retention = null;
        Document purchase = null;
        switch (event.type()) {
            case EventTypes.CUSTOMER_REGISTERED -> {
                Instant at = Events.instant(d, "registeredAt");
                String tier = Events.required(d, "tier").asText();
                s.setDims(dims(d, tier));
                s.setReferred(Events.text(d, "referredBy") != null);
                s.addTier(at, tier);
                CustomerBase.count(inc, at, s.dims(), "registered", 1);
                s.fields().put("registeredAt", Date.from(at));
            }
            case EventTypes.CUSTOMER_UPDATED -> {
                CustomerBase.move(s, inc, event.time(), dims(d, s.tier()));
                s.setReferred(Events.text(d, "referredBy") != null);
            }
            case EventTypes.CUSTOMER_TIER_CHANGED -> {
                Instant at = Events.instant(d, "changedAt");
                String to = Events.required(d, "to").asText();
                TierMoves.change(s, inc, at, to);
                s.addTier(at, to);
                CustomerBase.move(s, inc, at, CustomerState.with(s.dims(), "tier", to));
            }
            case EventTypes.CUSTOMER_LIFECYCLE_CHANGED -> {
                Instant at = Events.instant(d, "changedAt");
                String to = Events.required(d, "to").asText();
                String from = Events.required(d, "from").asText();
                if ("CHURNED".equals(to)) {
                    if (s.active()) {
                        CustomerBase.count(inc, at, s.dims(), "churned", 1);
                        ChurnValue.churned(s, inc, at, Events.text(d, "reason"), Events.text(d, "competitor"));
                    }
                    s.setChurned(true);
                    CustomerBase.leave(s, inc, at);
                } else if ("CHURNED".equals(from)) {
                    s.setChurned(false);
                    CustomerBase.enter(s, inc, at, false);
                }
            }
            case EventTypes.PURCHASE_RECORDED -> {
                Instant at = Events.instant(d, "occurredAt");
                String purchaseId = Events.required(d, "purchaseId").asText();
                long revenue = Events.cents(Events.required(d, "amount"));
                Long margin = d.path("margin").isNull() || d.path("margin").isMissingNode() ? null
                        : Events.cents(d.path("margin"));
                Map<String, String> dims = s.dims();
                CustomerBase.count(inc, at, dims, "purchases", 1);
                CustomerBase.count(inc, at, dims, "revenueCents", revenue);
                CustomerBase.count(inc, at, dims, "marginCents", margin == null ? 0 : margin);
                ChurnValue.purchase(s, inc, at, revenue);
                Instant first = s.firstPurchaseAt();
                if (first == null) {
                    s.setFirstPurchaseAt(at);
                    CustomerBase.enter(s, inc, at, true);
                } else if (at.isBefore(first)) {
                    s.setFirstPurchaseAt(at);
                    CustomerBase.backdateFirstPurchase(s, inc, first, at);
                }
                String tier = Events.text(d, "tier") == null ? s.tier() : Events.text(d, "tier");
                purchase = new Document("_id", purchaseId)
                        .append("customerId", event.subject()).append("at", Date.from(at))
                        .append("tier", Increments.key(tier)).append("revenueCents", revenue)
                        .append("marginCents", margin);
                retention = RetentionChange.purchase(event.subject(), event.aggregateversion(), at);
            }
            case EventTypes.CUSTOMER_ERASED -> {
                Instant at = Events.instant(d, "erasedAt");
                CustomerBase.count(inc, at, s.dims(), "erased", 1);
                s.setErased();
                CustomerBase.leave(s, inc, at);
            }
            default -> throw new InvalidEventException("unknown customer event type " + event.type());
        }
        return new Projection(s.fields(), inc, retention, purchase);
    }

    private static Map<String, String> dims(JsonNode d, String tier) {
        Map<String, String> dims = new java.util.LinkedHashMap<>();
        dims.put("all", "_");
        dims.put("region", Increments.key(Events.text(d, "region")));
        dims.put("businessCategory", Increments.key(Events.text(d, "businessCategory")));
        dims.put("kind", Increments.key(Events.text(d, "kind")));
        dims.put("tier", Increments.key(tier));
        dims.put("accountOwner", Increments.key(Events.text(d, "accountOwner")));
        return dims;
    }
}
