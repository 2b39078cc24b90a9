package io.crmsuite.analytics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.model.Filters;

import io.crmsuite.analytics.store.Generation;
import io.crmsuite.analytics.store.Generations;
import io.crmsuite.events.CloudEvent;
import io.crmsuite.events.ComplaintEventData;
import io.crmsuite.events.CustomerEventData;
import io.crmsuite.events.EventTypes;
import io.crmsuite.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Exactly-once without transactions, against the real store: batches applied to a scratch generation as a
 * consumer would after a crash (a batch whose buckets were written but not its facts), with other batch
 * boundaries, after hundreds of other events, and with the two topics' consumers racing on the same customers.
 * Expected counts are worked out by hand.
 */
@QuarkusTest
class ExactlyOnceTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant DAY = Instant.parse("2023-06-01T10:00:00Z");

    @Inject
    BatchApplier applier;
    @Inject
    Generations generations;

    private Generation g;
    private final AtomicInteger complaintOffset = new AtomicInteger();
    private final AtomicInteger customerOffset = new AtomicInteger();

    @BeforeEach
    void scratchGeneration() {
        g = generations.generation(900 + (int) (Math.random() * 1000));
        g.drop();
        g.createIndexes();
    }

    @AfterEach
    void dropScratch() {
        g.drop();
    }

    @Test
    void aBatchRedeliveredAfterItsBucketsButBeforeItsFactsCountsOnce() {
        List<SourceEvent> batch = List.of(received(UUID.randomUUID().toString(), null), registered());
        applier.apply(g, batch);
        g.complaints().deleteMany(new Document()); // the process died before the facts were written
        g.customers().deleteMany(new Document());
        applier.apply(g, batch);
        assertEquals(1, count("c.all._.received"));
        assertEquals(1, count("u.all._.registered"));
        assertEquals(1, g.complaints().countDocuments(), "the facts are written by the redelivery");
    }

    @Test
    void aRedeliveryWithOtherBatchBoundariesAddsOnlyWhatWasNotApplied() {
        List<SourceEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(received(UUID.randomUUID().toString(), null));
        }
        applier.apply(g, events.subList(0, 10));
        g.complaints().deleteMany(new Document());
        applier.apply(g, events.subList(5, 20));
        assertEquals(20, count("c.all._.received"));
    }

    @Test
    void anEventRedeliveredAfterSixHundredOthersIsStillSkipped() {
        SourceEvent first = received(UUID.randomUUID().toString(), null);
        applier.apply(g, List.of(first));
        List<SourceEvent> others = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            others.add(received(UUID.randomUUID().toString(), null));
        }
        applier.apply(g, others);
        g.complaints().deleteOne(Filters.eq("_id", first.event().subject())); // as if its facts were lost
        applier.apply(g, List.of(first));
        assertEquals(601, count("c.all._.received"));
    }

    @Test
    void complaintAndPurchaseEventsRacingOnTheSameCustomersCountBoughtAgainOnce() throws Exception {
        int customers = 30;
        List<SourceEvent> complaintEvents = new ArrayList<>();
        List<SourceEvent> purchases = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            String customer = UUID.randomUUID().toString();
            String complaint = UUID.randomUUID().toString();
            complaintEvents.add(received(complaint, customer));
            complaintEvents.add(resolved(complaint, customer, 3600)); // within 24 hours
            purchases.add(purchase(customer, DAY.plusSeconds(2 * 86400))); // two days later: bought again
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService topics = Executors.newFixedThreadPool(2);
        List<Future<?>> consumers = List.of(
                topics.submit(() -> oneByOne(start, complaintEvents)),
                topics.submit(() -> oneByOne(start, purchases)));
        start.countDown();
        for (Future<?> consumer : consumers) {
            consumer.get();
        }
        topics.shutdown();
        assertEquals(customers, count("r.WITHIN_24H.complainants"));
        assertEquals(customers, count("r.WITHIN_24H.boughtAgain"));
        assertEquals(0, count("r.UNRESOLVED.complainants"), "each complaint left UNRESOLVED when resolved");
        assertEquals(0, count("r.UNRESOLVED.boughtAgain"));
    }

    private Void oneByOne(CountDownLatch start, List<SourceEvent> events) throws InterruptedException {
        start.await();
        events.forEach(e -> applier.apply(g, List.of(e)));
        return null;
    }

    /** The sum of a counter over every bucket of the scratch generation (every day, every shard). */
    private long count(String path) {
        long sum = 0;
        for (Document bucket : g.buckets().find()) {
            Object value = bucket;
            for (String key : path.split("\\.")) {
                value = value instanceof Document d ? d.get(key) : null;
            }
            sum += value instanceof Number n ? n.longValue() : 0;
        }
        return sum;
    }

    private SourceEvent received(String complaint, String customer) {
        return complaintEvent(complaint, customer, 1, EventTypes.COMPLAINT_RECEIVED, DAY, "RECEIVED", "ON_TRACK", null);
    }

    private SourceEvent resolved(String complaint, String customer, long seconds) {
        return complaintEvent(complaint, customer, 2, EventTypes.COMPLAINT_RESOLVED, DAY.plusSeconds(seconds),
                "RESOLVED", "MET", new ComplaintEventData.Resolution("FIXED", null, null, null, seconds, true, null));
    }

    private SourceEvent complaintEvent(String complaint, String customer, long version, String type, Instant at,
            String status, String clock, ComplaintEventData.Resolution resolution) {
        ComplaintEventData data = new ComplaintEventData(UUID.fromString(complaint),
                customer == null ? null : UUID.fromString(customer), customer == null ? "UNMATCHED" : "MATCHED",
                "LEAD", "PHONE", "DELIVERY", "HIGH", "callcenter", status, DAY, "test", at,
                new ComplaintEventData.Sla(1, "default", 1, 86400, DAY, DAY.plusSeconds(86400), clock, 0, 0), null,
                resolution, null, null, null);
        return new SourceEvent(Topics.COMPLAINT_EVENTS, 0, complaintOffset.incrementAndGet(),
                CloudEvent.of("urn:test", type, complaint, version, at, JSON.valueToTree(data)));
    }

    private SourceEvent registered() {
        String id = UUID.randomUUID().toString();
        return customerEvent(id, 1, EventTypes.CUSTOMER_REGISTERED, DAY, new CustomerEventData.Profile(
                UUID.fromString(id), "END_CUSTOMER", "c", "south", "retail", "rep", null, List.of(), List.of(),
                List.of(), "LEAD", "PROSPECT", DAY, List.of()));
    }

    private SourceEvent purchase(String customer, Instant at) {
        return customerEvent(customer, 1, EventTypes.PURCHASE_RECORDED, at, new CustomerEventData.PurchaseRecorded(
                UUID.randomUUID(), UUID.fromString(customer), new BigDecimal("10.00"), "EUR", new BigDecimal("2.50"),
                at, "web", "shoes", "south", "LEAD", 1));
    }

    private SourceEvent customerEvent(String id, long version, String type, Instant at, Object data) {
        return new SourceEvent(Topics.CUSTOMER_EVENTS, 0, customerOffset.incrementAndGet(),
                CloudEvent.of("urn:test", type, id, version, at, JSON.valueToTree(data)));
    }
}
