package io.crmsuite.analytics.ingest;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bson.Document;

import com.fasterxml.jackson.databind.JsonNode;

import io.crmsuite.analytics.store.Increments;
import io.crmsuite.events.CloudEvent;
import io.crmsuite.events.EventTypes;
import io.crmsuite.platform.consumer.InvalidEventException;

/**
 * Projects customer events onto the customer facts and the daily buckets: {@code u.<dim>.<value>.<counter>}
 * (dim = all, region) for new, churned, reactivated, upgraded, downgraded, erased customers, the change of the
 * active base ({@code active}), revenue and margin in cents; {@code t.<tier>.<counter>} for the pyramid; and each
 * purchase for the customer's retention book. A pure function of the customer's facts and the event.
 */
final class CustomerProjector {

    Projection project(Document state, CloudEvent event) {
        JsonNode d = event.data();
        Increments inc = new Increments();
        RetentionChange retention = null;
        Document set = new Document();
        boolean active = state.getBoolean("active", false);
        String region = state.getString("region");
        String tier = state.getString("tier");
        switch (event.type()) {
            case EventTypes.CUSTOMER_REGISTERED -> {
                Instant at = Events.instant(d, "registeredAt");
                region = Events.text(d, "region");
                tier = Events.required(d, "tier").asText();
                count(inc, at, region, "new", 1);
                count(inc, at, region, "active", 1);
                inc.add(at, "t." + tier + ".customers", 1);
                active = true;
                set.append("registeredAt", Date.from(at));
            }
            case EventTypes.CUSTOMER_UPDATED -> {
                Instant at = event.time();
                String newRegion = Events.text(d, "region");
                if (active && !Increments.key(newRegion).equals(Increments.key(region))) {
                    inc.add(at, "u.region." + Increments.key(region) + ".active", -1);
                    inc.add(at, "u.region." + Increments.key(newRegion) + ".active", 1);
                }
                region = newRegion;
            }
            case EventTypes.CUSTOMER_TIER_CHANGED -> {
                Instant at = Events.instant(d, "changedAt");
                String from = Events.required(d, "from").asText();
                String to = Events.required(d, "to").asText();
                inc.add(at, "t." + from + ".customers", -1);
                inc.add(at, "t." + to + ".customers", 1);
                count(inc, at, region, "UPGRADE".equals(Events.text(d, "direction")) ? "upgraded" : "downgraded", 1);
                tier = to;
            }
            case EventTypes.CUSTOMER_LIFECYCLE_CHANGED -> {
                Instant at = Events.instant(d, "changedAt");
                String to = Events.required(d, "to").asText();
                String from = Events.required(d, "from").asText();
                if ("CHURNED".equals(to) && active) {
                    count(inc, at, region, "churned", 1);
                    count(inc, at, region, "active", -1);
                    active = false;
                } else if ("CHURNED".equals(from) && !"CHURNED".equals(to) && !active
                        && !state.getBoolean("erased", false)) {
                    count(inc, at, region, "reactivated", 1);
                    count(inc, at, region, "active", 1);
                    active = true;
                }
            }
            case EventTypes.PURCHASE_RECORDED -> {
                Instant at = Events.instant(d, "occurredAt");
                long revenue = Events.cents(Events.required(d, "amount"));
                long margin = d.path("margin").isNull() || d.path("margin").isMissingNode() ? 0
                        : Events.cents(d.path("margin"));
                String purchaseTier = Events.text(d, "tier") == null ? tier : Events.text(d, "tier");
                count(inc, at, region, "revenueCents", revenue);
                count(inc, at, region, "marginCents", margin);
                count(inc, at, region, "purchases", 1);
                inc.add(at, "t." + Increments.key(purchaseTier) + ".revenueCents", revenue);
                inc.add(at, "t." + Increments.key(purchaseTier) + ".marginCents", margin);
                set.append("revenueCents", state.get("revenueCents", 0L) + revenue)
                        .append("marginCents", state.get("marginCents", 0L) + margin);
                retention = RetentionChange.purchase(event.subject(), event.aggregateversion(), at);
            }
            case EventTypes.CUSTOMER_ERASED -> {
                Instant at = Events.instant(d, "erasedAt");
                count(inc, at, region, "erased", 1);
                if (active) {
                    count(inc, at, region, "active", -1);
                    active = false;
                }
                if (tier != null) {
                    inc.add(at, "t." + tier + ".customers", -1);
                }
                set.append("erased", true);
                tier = null;
            }
            default -> throw new InvalidEventException("unknown customer event type " + event.type());
        }
        set.append("active", active).append("region", region).append("tier", tier);
        return new Projection(set, inc, retention);
    }

    private static void count(Increments inc, Instant at, String region, String counter, long amount) {
        Map<String, String> dims = new LinkedHashMap<>();
        dims.put("all", "_");
        dims.put("region", Increments.key(region));
        inc.addAll(at, "u", dims, counter, amount);
    }
}
