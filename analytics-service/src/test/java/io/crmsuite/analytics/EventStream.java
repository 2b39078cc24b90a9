package io.crmsuite.analytics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.crmsuite.events.CloudEvent;
import io.crmsuite.events.ComplaintEventData;
import io.crmsuite.events.CustomerEventData;
import io.crmsuite.events.EventTypes;

/**
 * A random but consistent history of customers and complaints, as the two services would publish it: per
 * aggregate in version order, with times inside [start, start + days).
 */
final class EventStream {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final org.apache.kafka.common.header.internals.RecordHeader CONTENT_TYPE =
            new org.apache.kafka.common.header.internals.RecordHeader("content-type",
                    "application/cloudevents+json; charset=UTF-8".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    static final String[] TIERS = { "PLATINUM", "GOLD", "IRON", "LEAD" };
    static final String[] REGIONS = { "north", "south", "east" };
    static final String[] CATEGORIES = { "DELIVERY", "BILLING", "PRODUCT_QUALITY" };

    /** One event, with its topic. */
    record Event(String topic, CloudEvent cloudEvent) {
        String json() {
            try {
                return JSON.writeValueAsString(cloudEvent);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    final List<List<Event>> perAggregate = new ArrayList<>();
    private final Random random;
    private final Instant start;
    private final int days;

    EventStream(long seed, Instant start, int days) {
        this.random = new Random(seed);
        this.start = start;
        this.days = days;
    }

    /** A time in the range; with {@code days == 0}, exactly {@code start}. */
    Instant randomTime() {
        return days == 0 ? start : start.plusSeconds(random.nextInt(days * 86400));
    }

    /** Customers: registration, purchases, tier moves, churn and reactivation. Returns id -> registeredAt. */
    Map<String, Instant> customers(int count) {
        Map<String, Instant> registered = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            List<Event> events = new ArrayList<>();
            Instant at = randomTime();
            String tier = "LEAD";
            String region = REGIONS[random.nextInt(REGIONS.length)];
            registered.put(id, at);
            events.add(customerEvent(id, events, EventTypes.CUSTOMER_REGISTERED, at, new CustomerEventData.Profile(
                    UUID.fromString(id), "END_CUSTOMER", "c" + i, region, "retail", "rep", null, List.of(), List.of(),
                    List.of(), tier, "PROSPECT", at, List.of())));
            boolean churned = false;
            int steps = random.nextInt(8);
            for (int s = 0; s < steps; s++) {
                at = at.plusSeconds(random.nextInt(86400));
                switch (random.nextInt(4)) {
                    case 0, 1 -> {
                        BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(100_000), 2);
                        BigDecimal margin = amount.divide(BigDecimal.valueOf(4), 2, java.math.RoundingMode.DOWN);
                        // now and then a purchase recorded late, dated up to two days back
                        Instant occurred = random.nextInt(4) == 0 ? at.minusSeconds(random.nextInt(2 * 86400)) : at;
                        events.add(customerEvent(id, events, EventTypes.PURCHASE_RECORDED, at,
                                new CustomerEventData.PurchaseRecorded(UUID.randomUUID(), UUID.fromString(id), amount,
                                        "EUR", margin, occurred, "web", "shoes", region, tier, s)));
                        if (churned) {
                            events.add(customerEvent(id, events, EventTypes.CUSTOMER_LIFECYCLE_CHANGED, at,
                                    new CustomerEventData.LifecycleChanged(UUID.fromString(id), "CHURNED", "REPEAT",
                                            "REACTIVATED", null, true, at, null)));
                            churned = false;
                        }
                    }
                    case 2 -> {
                        String to = TIERS[random.nextInt(TIERS.length)];
                        if (!to.equals(tier)) {
                            boolean up = java.util.Arrays.asList(TIERS).indexOf(to) < java.util.Arrays.asList(TIERS).indexOf(tier);
                            events.add(customerEvent(id, events, EventTypes.CUSTOMER_TIER_CHANGED, at,
                                    new CustomerEventData.TierChanged(UUID.fromString(id), tier, to,
                                            up ? "UPGRADE" : "DOWNGRADE", "REVENUE", BigDecimal.TEN, at)));
                            tier = to;
                        }
                    }
                    default -> {
                        if (!churned) {
                            boolean lostToCompetitor = random.nextBoolean();
                            events.add(customerEvent(id, events, EventTypes.CUSTOMER_LIFECYCLE_CHANGED, at,
                                    new CustomerEventData.LifecycleChanged(UUID.fromString(id), "REPEAT", "CHURNED",
                                            lostToCompetitor ? "COMPETITOR_PRICE" : "INACTIVE", null, false, at,
                                            lostToCompetitor ? "ACME" : null)));
                            churned = true;
                        }
                    }
                }
            }
            perAggregate.add(events);
        }
        return registered;
    }

    /**
     * Complaints: received, maybe acknowledged, put on hold (which moves the deadline), warned, breached, resolved
     * (maybe with a compensation), rated, reopened and resolved again. Times of cycle 1 are placed on its counted
     * time: an event {@code x} counted seconds after receipt happens at receipt + x, plus the hold if it came after.
     */
    void complaints(int count, List<String> customerIds) {
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            String customer = random.nextInt(5) == 0 ? null : customerIds.get(random.nextInt(customerIds.size()));
            String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
            String tier = TIERS[random.nextInt(TIERS.length)];
            Instant received = randomTime();
            Complaint c = new Complaint(id, customer, category, tier, received);
            Long resolveAfter = random.nextInt(4) == 0 ? null : (long) random.nextInt(60 * 3600);
            long warnAt = (long) (86400 * 0.8);
            // a hold of 1-40 h before the warning and before the resolution: the deadline moves by as much
            boolean held = random.nextInt(4) == 0 && (resolveAfter == null || resolveAfter > 1);
            long holdAt = held ? random.nextInt((int) Math.min(warnAt, resolveAfter == null ? warnAt : resolveAfter))
                    : -1;
            long holdFor = holdAt < 0 ? 0 : 3600 + random.nextInt(39 * 3600);
            c.holdAt = holdAt;
            c.holdFor = holdFor;
            c.event(EventTypes.COMPLAINT_RECEIVED, 0, "RECEIVED", "ON_TRACK", null, null);
            Long ack = null;
            if (random.nextBoolean()) {
                ack = (long) (resolveAfter == null ? random.nextInt(10 * 3600)
                        : random.nextInt((int) Math.max(1, resolveAfter)));
            }
            if (ack != null && (holdAt < 0 || ack <= holdAt)) {
                c.event(EventTypes.COMPLAINT_ACKNOWLEDGED, ack, "ACKNOWLEDGED", "ON_TRACK", null, null);
            }
            if (holdAt >= 0) {
                c.event(EventTypes.COMPLAINT_HELD, holdAt, "ON_HOLD", "ON_TRACK", null, null);
                c.paused = holdFor;
                c.eventAtWall(EventTypes.COMPLAINT_RESUMED, received.plusSeconds(holdAt + holdFor), "ACKNOWLEDGED",
                        "ON_TRACK", null, null, 1);
            }
            if (ack != null && holdAt >= 0 && ack > holdAt) {
                c.event(EventTypes.COMPLAINT_ACKNOWLEDGED, ack, "ACKNOWLEDGED", "ON_TRACK", null, null);
            }
            if (ack != null) {
                c.acknowledgedAfter = Duration.between(received, c.wall(ack)).toSeconds();
            }
            if (resolveAfter == null || resolveAfter > warnAt) {
                c.event(EventTypes.COMPLAINT_SLA_WARNING, warnAt, "ACKNOWLEDGED", "AT_RISK", null, null);
            }
            if (resolveAfter == null || resolveAfter > 86400) {
                c.event(EventTypes.COMPLAINT_SLA_BREACHED, 86400, "ACKNOWLEDGED", "BREACHED", null, null);
            }
            if (resolveAfter != null) {
                Instant resolved = c.wall(resolveAfter);
                boolean met = resolveAfter <= 86400;
                c.event(EventTypes.COMPLAINT_RESOLVED, resolveAfter, "RESOLVED", met ? "MET" : "MISSED",
                        new ComplaintEventData.Resolution("FIXED", null, null, compensation(), resolveAfter, met,
                                c.acknowledgedAfter == null ? Duration.between(received, resolved).toSeconds()
                                        : c.acknowledgedAfter), null);
                if (random.nextBoolean()) {
                    int score = 1 + random.nextInt(5);
                    Boolean wouldBuyAgain = switch (random.nextInt(3)) {
                        case 0 -> null;
                        case 1 -> false;
                        default -> true;
                    };
                    c.eventAtWall(EventTypes.COMPLAINT_SATISFACTION_RECORDED, resolved.plusSeconds(60), "RESOLVED",
                            met ? "MET" : "MISSED", null,
                            new ComplaintEventData.Satisfaction(score, wouldBuyAgain, null), 1);
                }
                if (random.nextInt(4) == 0) {
                    Instant reopened = resolved.plusSeconds(3600);
                    c.eventAtWall(EventTypes.COMPLAINT_REOPENED, reopened, "IN_PROGRESS", "ON_TRACK", null, null, 2);
                    long second = random.nextInt(30 * 3600);
                    if (second > 86400) {
                        c.eventAtWall(EventTypes.COMPLAINT_SLA_BREACHED, reopened.plusSeconds(86400), "IN_PROGRESS",
                                "BREACHED", null, null, 2);
                    }
                    c.eventAtWall(EventTypes.COMPLAINT_RESOLVED, reopened.plusSeconds(second), "RESOLVED",
                            second <= 86400 ? "MET" : "MISSED", new ComplaintEventData.Resolution("FIXED", null, null,
                                    compensation(), second, second <= 86400, null), null, 2);
                }
            }
            perAggregate.add(c.emitted);
        }
    }

    /** No compensation, or one of 0.01 to 99.99 (a voucher, a refund). */
    private BigDecimal compensation() {
        return random.nextInt(3) == 0 ? BigDecimal.valueOf(1 + random.nextInt(9999), 2) : null;
    }

    private final class Complaint {
        final String id;
        final String customer;
        final String category;
        final String tier;
        final Instant received;
        Long acknowledgedAfter;
        /** Counted seconds after receipt when cycle 1 was put on hold (-1: never), and for how long. */
        long holdAt = -1;
        long holdFor;
        /** The hold time the clock of cycle 1 has recorded so far. */
        long paused;
        List<Event> emitted = new ArrayList<>();

        Complaint(String id, String customer, String category, String tier, Instant received) {
            this.id = id;
            this.customer = customer;
            this.category = category;
            this.tier = tier;
            this.received = received;
        }

        /** When cycle 1 has counted {@code seconds}: the hold does not count. */
        Instant wall(long seconds) {
            return received.plusSeconds(holdAt >= 0 && seconds > holdAt ? seconds + holdFor : seconds);
        }

        /** An event of cycle 1, {@code counted} seconds of the clock after receipt. */
        void event(String type, long counted, String status, String clock, ComplaintEventData.Resolution resolution,
                ComplaintEventData.Satisfaction satisfaction) {
            eventAtWall(type, wall(counted), status, clock, resolution, satisfaction, 1);
        }

        void eventAtWall(String type, Instant at, String status, String clock, ComplaintEventData.Resolution resolution,
                ComplaintEventData.Satisfaction satisfaction, int cycle) {
            Instant cycleStart = cycle == 1 ? received : cycleStarts.get(cycle);
            if (cycle > 1 && cycleStart == null) {
                cycleStart = at; // the reopen starts the cycle
                cycleStarts.put(cycle, at);
            }
            long cyclePaused = cycle == 1 ? paused : 0;
            ComplaintEventData data = new ComplaintEventData(UUID.fromString(id),
                    customer == null ? null : UUID.fromString(customer), customer == null ? "UNMATCHED" : "MATCHED",
                    tier, "PHONE", category, "HIGH", "callcenter", status, received, "test", at,
                    new ComplaintEventData.Sla(cycle, "default", 1, 86400, cycleStart,
                            cycleStart.plus(Duration.ofHours(24)).plusSeconds(cyclePaused), clock, 0, cyclePaused), null,
                    resolution, satisfaction, null, null);
            emitted.add(new Event(io.crmsuite.events.Topics.COMPLAINT_EVENTS, CloudEvent.of("urn:test", type, id,
                    emitted.size() + 1, at, JSON.valueToTree(data))));
        }

        private final Map<Integer, Instant> cycleStarts = new HashMap<>();
    }

    private static Event customerEvent(String id, List<Event> sofar, String type, Instant at, Object data) {
        return new Event(io.crmsuite.events.Topics.CUSTOMER_EVENTS,
                CloudEvent.of("urn:test", type, id, sofar.size() + 1, at, JSON.valueToTree(data)));
    }

    /** Every aggregate's events interleaved at random, per-aggregate order kept, plus duplicates and redeliveries. */
    List<Event> shuffledWithDuplicates(double duplicateShare) {
        List<Event> out = new ArrayList<>();
        List<Integer> cursor = new ArrayList<>();
        perAggregate.forEach(a -> cursor.add(0));
        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < perAggregate.size(); i++) {
            remaining.add(i);
        }
        while (!remaining.isEmpty()) {
            int pick = remaining.get(random.nextInt(remaining.size()));
            int at = cursor.get(pick);
            out.add(perAggregate.get(pick).get(at));
            if (random.nextDouble() < duplicateShare) {
                // a redelivery of this aggregate's event or of an earlier one
                out.add(perAggregate.get(pick).get(random.nextInt(at + 1)));
            }
            cursor.set(pick, at + 1);
            if (at + 1 == perAggregate.get(pick).size()) {
                remaining.remove(Integer.valueOf(pick));
            }
        }
        return out;
    }

    /** Publishes events to their topics, keyed by aggregate, with a plain producer, and waits for the acks. */
    static void publish(List<Event> events) throws Exception {
        try (var producer = producer()) {
            events.forEach(e -> send(producer, e));
            producer.flush();
        }
    }

    /** Publishes events one at a time, {@code pauseMillis} apart, while {@code running}; returns how many. */
    static int publishWhile(List<Event> events, java.util.function.BooleanSupplier running, long pauseMillis)
            throws Exception {
        int sent = 0;
        try (var producer = producer()) {
            for (Event e : events) {
                if (!running.getAsBoolean()) {
                    break;
                }
                send(producer, e);
                producer.flush();
                sent++;
                Thread.sleep(pauseMillis);
            }
        }
        return sent;
    }

    private static org.apache.kafka.clients.producer.KafkaProducer<String, String> producer() {
        String bootstrap = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("kafka.bootstrap.servers", String.class);
        return new org.apache.kafka.clients.producer.KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer());
    }

    /** With the header the outbox relays set, so the consumer meets what production sends. */
    private static void send(org.apache.kafka.clients.producer.KafkaProducer<String, String> producer, Event e) {
        producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(e.topic(), null, e.cloudEvent().subject(),
                e.json(), List.of(CONTENT_TYPE)));
    }

    List<Event> unique() {
        return perAggregate.stream().flatMap(List::stream).toList();
    }
}
