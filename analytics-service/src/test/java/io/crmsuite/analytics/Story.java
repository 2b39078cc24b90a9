package io.crmsuite.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.crmsuite.events.CloudEvent;
import io.crmsuite.events.CustomerEventData;
import io.crmsuite.events.EventTypes;
import io.crmsuite.events.Topics;

/** One customer's events written by hand, in order, with their aggregate versions: for tests worked out on paper. */
final class Story {

    final UUID id = UUID.randomUUID();
    final List<EventStream.Event> events = new ArrayList<>();
    private String tier;
    private String region;
    private UUID referredBy;

    static Story registered(String at, String region, String tier) {
        return registered(at, region, tier, null);
    }

    static Story registered(String at, String region, String tier, UUID referredBy) {
        Story s = new Story();
        s.tier = tier;
        s.region = region;
        s.referredBy = referredBy;
        s.add(EventTypes.CUSTOMER_REGISTERED, at, s.profile(at));
        return s;
    }

    Story purchase(String at, String amount, String margin) {
        return purchaseRecordedAt(at, at, amount, margin);
    }

    /** A purchase dated {@code occurredAt}, recorded (its event) at {@code recordedAt}. */
    Story purchaseRecordedAt(String recordedAt, String occurredAt, String amount, String margin) {
        return add(EventTypes.PURCHASE_RECORDED, recordedAt, new CustomerEventData.PurchaseRecorded(UUID.randomUUID(),
                id, new BigDecimal(amount), "EUR", margin == null ? null : new BigDecimal(margin),
                Instant.parse(occurredAt), "web", "shoes", region, tier, events.size()));
    }

    Story tier(String at, String to) {
        boolean up = ExpectedCustomers.ORDER.indexOf(to) > ExpectedCustomers.ORDER.indexOf(tier);
        add(EventTypes.CUSTOMER_TIER_CHANGED, at, new CustomerEventData.TierChanged(id, tier, to,
                up ? "UPGRADE" : "DOWNGRADE", "REVENUE", BigDecimal.TEN, Instant.parse(at)));
        tier = to;
        return this;
    }

    Story churn(String at, String reason, String competitor) {
        return add(EventTypes.CUSTOMER_LIFECYCLE_CHANGED, at, new CustomerEventData.LifecycleChanged(id, "REPEAT",
                "CHURNED", reason, null, false, Instant.parse(at), competitor));
    }

    Story reactivated(String at) {
        return add(EventTypes.CUSTOMER_LIFECYCLE_CHANGED, at, new CustomerEventData.LifecycleChanged(id, "CHURNED",
                "REPEAT", null, null, true, Instant.parse(at), null));
    }

    Story movedTo(String at, String newRegion) {
        region = newRegion;
        return add(EventTypes.CUSTOMER_UPDATED, at, profile(at));
    }

    Story erased(String at) {
        return add(EventTypes.CUSTOMER_ERASED, at, new CustomerEventData.Erased(id, Instant.parse(at)));
    }

    private CustomerEventData.Profile profile(String at) {
        return new CustomerEventData.Profile(id, "END_CUSTOMER", "someone", region, "retail", "rep", referredBy,
                List.of(), List.of(), List.of(), tier, "PROSPECT", Instant.parse(at), List.of());
    }

    private Story add(String type, String at, Object data) {
        events.add(new EventStream.Event(Topics.CUSTOMER_EVENTS, CloudEvent.of("urn:test", type, id.toString(),
                events.size() + 1, Instant.parse(at), EventStream.JSON.valueToTree(data))));
        return this;
    }

    static void publish(List<Story> stories) throws Exception {
        List<EventStream.Event> all = new ArrayList<>();
        stories.forEach(s -> all.addAll(s.events));
        EventStream.publish(all);
    }
}
