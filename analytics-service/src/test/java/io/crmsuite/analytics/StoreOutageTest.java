package io.crmsuite.analytics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.crmsuite.analytics.ingest.GroupOffsets;
import io.crmsuite.analytics.store.Generations;
import io.crmsuite.events.Topics;
import io.crmsuite.infra.Outages;
import io.crmsuite.infra.testkit.EventLog;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * MongoDB refusing connections for longer than SmallRye's 60-second acknowledgement limit while both topics bring
 * events: the consumers wait (readiness DOWN), nothing goes to the dead-letter topic, and once MongoDB is back
 * every event is applied exactly once, with no restart.
 */
@QuarkusTest
class StoreOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(70);

    @Inject
    Generations generations;
    @Inject
    GroupOffsets offsets;

    @Test
    void theConsumersRideOutAMongoDbOutageAndApplyEverythingOnceAfterwards() throws Exception {
        EventStream stream = new EventStream(2025, Instant.parse("2025-01-01T00:00:00Z"), 10);
        List<String> customers = new ArrayList<>(stream.customers(20).keySet());
        stream.complaints(40, customers);
        List<EventStream.Event> events = stream.shuffledWithDuplicates(0.2);
        List<EventStream.Event> before = events.subList(0, events.size() / 3);
        List<EventStream.Event> during = events.subList(events.size() / 3, events.size());
        EventStream.publish(before);

        Outages.refuseMongoDb();
        try {
            long started = System.nanoTime();
            EventStream.publish(during);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then()
                    .statusCode(503).body("checks.find { it.name == 'event-consumers' }.status", is("DOWN"))
                    .body("checks.find { it.name == 'mongodb' }.status", is("DOWN")));
            Thread.sleep(Math.max(0, OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - started).toMillis()));
        } finally {
            Outages.restoreMongoDb();
        }

        Ingestion.awaitCaughtUp(generations, offsets);
        given().get("/q/health/ready").then().statusCode(200);
        Expected expected = Expected.of(stream);
        Figures.assertSlaPerDay(expected, "2025-01-01", "2025-01-15");
        Figures.assertCustomerPeriods(expected, "2025-01-01", "2025-01-15", "day", false);
        Figures.assertRetention(expected, "2025-01-01", "2025-01-15");
        Set<String> keys = events.stream().map(e -> e.cloudEvent().subject()).collect(Collectors.toSet());
        try (EventLog dlq = new EventLog(AnalyticsApiTest.bootstrap(), Topics.ANALYTICS_DEAD_LETTER)) {
            assertEquals(List.of(), dlq.readToEnd(r -> keys.contains(r.key())), "nothing was dead-lettered");
        }
    }
}
