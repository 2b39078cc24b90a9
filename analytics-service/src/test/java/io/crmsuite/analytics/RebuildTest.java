package io.crmsuite.analytics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import io.crmsuite.analytics.ingest.GroupOffsets;
import io.crmsuite.analytics.store.Generations;
import io.crmsuite.events.Topics;
import io.crmsuite.infra.Outages;
import io.crmsuite.infra.testkit.EventLog;
import io.crmsuite.platform.consumer.ConsumerHealth;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** Rebuilding the state from the topics: a new generation, filled by a group of its own, that then goes live. */
@QuarkusTest
class RebuildTest {

    @Inject
    Generations generations;
    @Inject
    GroupOffsets offsets;
    @Inject
    com.mongodb.client.MongoClient mongo;
    @Inject
    Scheduler scheduler;
    @Inject
    ConsumerHealth health;

    @Test
    void aRebuildReplacesTheLiveStateWithTheTopicsFiguresAndMissesNoEventPublishedMeanwhile() throws Exception {
        EventStream stream = new EventStream(31, Instant.parse("2024-09-01T00:00:00Z"), 5);
        List<String> customers = List.copyOf(stream.customers(10).keySet());
        stream.complaints(15, customers);
        EventStream.publish(stream.shuffledWithDuplicates(0.2));
        Ingestion.awaitCaughtUp(generations, offsets);
        String range = "from=2024-09-01&to=2024-09-10&granularity=month";
        Map<String, Object> before = slaRow(range);
        Map<String, Object> customersBefore = given().get("/analytics/customers/indicators?" + range).then()
                .extract().path("rows[0]");
        assertEquals(15, ((Number) before.get("received")).intValue());

        // state that no event explains (a bug, a hand edit): only a rebuild from the topics removes it
        int live = generations.active().number();
        generations.active().buckets().insertOne(new Document("_id", "2024-09-02|c99").append("day", "2024-09-02")
                .append("offset", 0L).append("c", new Document("all", new Document("_", new Document("received", 1000L)))));
        assertEquals(1015, ((Number) slaRow(range).get("received")).intValue());
        long parked = deadLetters();

        // complaints keep arriving during the rebuild and its switch: the new state must count every one
        EventStream during = new EventStream(33, Instant.parse("2024-10-01T00:00:00Z"), 1);
        during.complaints(300, List.of(UUID.randomUUID().toString()));
        List<EventStream.Event> received = during.unique().stream()
                .filter(e -> e.cloudEvent().type().equals("complaint.received")).toList();
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        Future<Integer> publisher = Executors.newSingleThreadExecutor()
                .submit(() -> EventStream.publishWhile(received, rebuilding::get, 5));

        ExtractableResponse<Response> started = given().post("/analytics/rebuild").then().statusCode(202)
                .body("state", is("RUNNING")).extract();
        int target = started.path("generation");
        assertTrue(target > live, "a new generation " + target + " after " + live);
        given().post("/analytics/rebuild").then().statusCode(409);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().get("/analytics/rebuild").then()
                .body("state", is("DONE")).body("liveGeneration", is(target)).body("percent", is(100.0f)));
        Thread.sleep(300); // a few more after the switch
        rebuilding.set(false);
        int published = publisher.get();

        Ingestion.awaitCaughtUp(generations, offsets);
        assertEquals(target, generations.active().number());
        var progress = given().get("/analytics/rebuild").then().extract();
        assertEquals((Integer) progress.path("total"), progress.path("applied"));
        assertEquals(parked, ((Number) progress.path("invalid")).longValue(),
                "the events the live consumer had parked are counted, not skipped");
        assertEquals(before, slaRow(range), "the drift is gone, the topics' figures are back");
        assertEquals(customersBefore, given().get("/analytics/customers/indicators?" + range).then().extract()
                .path("rows[0]"));
        given().get("/analytics/complaints/sla?from=2024-10-01&to=2024-10-02").then()
                .body("rows[0].received", is(published));
        await().atMost(Duration.ofSeconds(60)).until(() -> !collectionExists("buckets_g" + live));
    }

    @Test
    void aRebuildWaitsOutAMongoDbOutageAndSkipsNothing() throws Exception {
        EventStream stream = new EventStream(34, Instant.parse("2024-11-01T00:00:00Z"), 5);
        List<String> customers = new ArrayList<>(stream.customers(15).keySet());
        stream.complaints(30, customers);
        EventStream.publish(stream.shuffledWithDuplicates(0.2));
        Ingestion.awaitCaughtUp(generations, offsets);

        given().post("/analytics/rebuild").then().statusCode(202);
        Outages.refuseMongoDb();
        try {
            Thread.sleep(Duration.ofSeconds(35).toMillis()); // beyond the driver's 30 s server selection timeout
        } finally {
            Outages.restoreMongoDb();
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().get("/analytics/rebuild").then()
                .body("state", is("DONE")));
        Ingestion.awaitCaughtUp(generations, offsets);
        Expected expected = Expected.of(stream);
        Figures.assertSlaPerDay(expected, "2024-11-01", "2024-11-08");
        Figures.assertCustomerPeriods(expected, "2024-11-01", "2024-11-08", "day", false);
        Figures.assertRetention(expected, "2024-11-01", "2024-11-08");
    }

    @Test
    void aRebuildWhoseConsumerStartsDuringAMongoDbOutageRunsOnceItIsBack() throws Exception {
        EventStream stream = new EventStream(36, Instant.parse("2025-03-01T00:00:00Z"), 3);
        List<String> customers = new ArrayList<>(stream.customers(6).keySet());
        stream.complaints(12, customers);
        EventStream.publish(stream.shuffledWithDuplicates(0.2));
        Ingestion.awaitCaughtUp(generations, offsets);

        // the watcher, which starts the new generation's consumer, waits until MongoDB refuses connections
        scheduler.pause();
        int target;
        try {
            target = given().post("/analytics/rebuild").then().statusCode(202).extract().path("generation");
            Outages.refuseMongoDb();
        } finally {
            scheduler.resume();
        }
        String consumer = "analytics consumer of generation " + target;
        try {
            // its first step (completing the retention journals) meets the outage: it waits, partitions paused
            await().atMost(Duration.ofSeconds(45)).until(() -> health.isWaiting(consumer));
        } finally {
            Outages.restoreMongoDb();
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().get("/analytics/rebuild").then()
                .body("state", is("DONE")));
        assertFalse(health.isWaiting(consumer));
        Ingestion.awaitCaughtUp(generations, offsets);
        Expected expected = Expected.of(stream);
        Figures.assertSlaPerDay(expected, "2025-03-01", "2025-03-08");
    }

    @Test
    void aRebuildSwitchesWhenTheTopicsEndWithTheMarkersOfTheRelaysTransactions() throws Exception {
        // the outbox relays publish in transactions: each leaves a commit marker, an offset no record holds
        EventStream stream = new EventStream(35, Instant.parse("2024-12-01T00:00:00Z"), 2);
        stream.complaints(5, List.of(UUID.randomUUID().toString()));
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(Map.of(
                "bootstrap.servers", AnalyticsApiTest.bootstrap(), "transactional.id", "rebuild-test-" + UUID.randomUUID()),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            producer.initTransactions();
            for (EventStream.Event e : stream.unique()) {
                producer.beginTransaction();
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(e.topic(),
                        e.cloudEvent().subject(), e.json()));
                producer.commitTransaction();
            }
        }
        Ingestion.awaitCaughtUp(generations, offsets);
        given().post("/analytics/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/analytics/rebuild").then()
                .body("state", is("DONE")));
        given().get("/analytics/complaints/sla?from=2024-12-01&to=2024-12-04&granularity=month").then()
                .body("rows[0].received", is(5));
    }

    @Test
    void aGenerationFilledByAnEarlierVersionOfTheProjectionsIsRebuiltOnItsOwn() {
        Ingestion.awaitCaughtUp(generations, offsets);
        int live = generations.refresh().active();
        // as an earlier version left the control document: no layout written
        mongo.getDatabase(generations.active().buckets().getNamespace().getDatabaseName())
                .getCollection("analytics_control").updateOne(new Document("_id", "generations"),
                        new Document("$unset", new Document("activeLayout", "")));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            Generations.State state = generations.refresh();
            assertTrue(state.active() != live, "a new generation is live");
            assertEquals(Generations.LAYOUT, state.activeLayout());
            assertEquals("DONE", state.build().state());
        });
    }

    private Map<String, Object> slaRow(String range) {
        return given().get("/analytics/complaints/sla?" + range).then().statusCode(200).extract().path("rows[0]");
    }

    private long deadLetters() {
        try (EventLog dlq = new EventLog(AnalyticsApiTest.bootstrap(), Topics.ANALYTICS_DEAD_LETTER)) {
            return dlq.readToEnd(r -> true).size();
        }
    }

    private boolean collectionExists(String name) {
        return mongo.getDatabase(generations.active().buckets().getNamespace().getDatabaseName())
                .listCollectionNames().into(new ArrayList<>()).contains(name);
    }
}
