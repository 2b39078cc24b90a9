package io.crmsuite.analytics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RebuildTest {

    @Test
    void aRebuildReplaysTheTopicsAndSwitchesToTheSameFigures() throws Exception {
        EventStream stream = new EventStream(31, Instant.parse("2024-09-01T00:00:00Z"), 5);
        List<String> customers = List.copyOf(stream.customers(10).keySet());
        stream.complaints(15, customers);
        EventStream.publish(stream.unique());
        String range = "from=2024-09-01&to=2024-09-10&granularity=month";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/analytics/complaints/sla?" + range)
                .then().body("rows[0].received", is(15)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/analytics/customers/indicators?" + range)
                .then().body("rows[0].new", is(customers.size())));
        Map<String, Object> before = given().get("/analytics/complaints/sla?" + range).then().extract().path("rows[0]");
        Map<String, Object> customersBefore = given().get("/analytics/customers/indicators?" + range).then().extract()
                .path("rows[0]");

        // complaints keep arriving during the rebuild and its switch: the new state must count every one
        EventStream during = new EventStream(33, Instant.parse("2024-10-01T00:00:00Z"), 1);
        during.complaints(400, List.of(UUID.randomUUID().toString()));
        List<EventStream.Event> received = during.unique().stream()
                .filter(e -> e.cloudEvent().type().equals("complaint.received")).toList();
        java.util.concurrent.atomic.AtomicBoolean rebuilding = new java.util.concurrent.atomic.AtomicBoolean(true);
        var publisher = java.util.concurrent.Executors.newSingleThreadExecutor()
                .submit(() -> EventStream.publishWhile(received, rebuilding::get, 5));

        given().post("/analytics/rebuild").then().statusCode(202).body("state", is("RUNNING"));
        given().get("/analytics/complaints/sla?" + range).then().statusCode(200).body("rows[0].received", is(15));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/analytics/rebuild").then()
                .body("state", is("DONE")).body("percent", is(100.0f)));
        Thread.sleep(300); // a few more after the switch
        rebuilding.set(false);
        int published = publisher.get();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/analytics/complaints/sla?from=2024-10-01&to=2024-10-02").then()
                .body("rows[0].received", is(published)));
        assertEquals(before, given().get("/analytics/complaints/sla?" + range).then().extract().path("rows[0]"));
        assertEquals(customersBefore, given().get("/analytics/customers/indicators?" + range).then().extract()
                .path("rows[0]"));

        // the live consumer keeps applying to the new state
        EventStream more = new EventStream(32, Instant.parse("2024-09-02T00:00:00Z"), 1);
        more.complaints(2, List.of(UUID.randomUUID().toString()));
        EventStream.publish(more.unique().stream().filter(e -> e.cloudEvent().type().equals("complaint.received"))
                .toList());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/analytics/complaints/sla?" + range)
                .then().body("rows[0].received", is(17)));
    }
}
