package io.crmsuite.complaint;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.crmsuite.complaint.customers.KnownCustomer;
import io.crmsuite.events.Topics;
import io.crmsuite.infra.Outages;
import io.crmsuite.infra.testkit.EventLog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * MongoDB refusing connections for longer than SmallRye's 60-second acknowledgement limit while customer events
 * arrive: the consumer waits (readiness DOWN), nothing goes to the dead-letter topic, and once the store is back
 * every event is applied, the erasure included, with no restart.
 */
@QuarkusTest
class StoreOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(70);

    @Test
    void theCustomerConsumerRidesOutAMongoDbOutageAndAppliesEverythingAfterwards() throws Exception {
        String erased = UUID.randomUUID().toString();
        String phone = "+5511955" + String.format("%06d", Math.floorMod(erased.hashCode(), 1_000_000));
        String complaint;
        try (CustomerFeed feed = new CustomerFeed()) {
            feed.registered(erased, null, phone, "LEAD");
            complaint = await().atMost(Duration.ofSeconds(20)).until(() -> post(erased, phone),
                    r -> "MATCHED".equals(r.path("customerMatch"))).path("id");

            List<String> registered = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    UUID.randomUUID().toString());
            Outages.refuseMongoDb();
            try {
                registered.forEach(id -> feed.registered(id, null, null, "GOLD"));
                feed.erased(erased, 2);
                long started = System.nanoTime();
                given().get("/complaints/" + complaint).then().statusCode(503)
                        .contentType("application/problem+json").header("Retry-After", "5");
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then()
                        .statusCode(503).body("checks.find { it.name == 'event-consumers' }.status", is("DOWN"))
                        .body("checks.find { it.name == 'mongodb' }.status", is("DOWN")));
                // beyond SmallRye's 60 s acknowledgement limit and every timeout on the way
                Thread.sleep(Math.max(0, OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - started).toMillis()));
            } finally {
                Outages.restoreMongoDb();
            }

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then()
                    .statusCode(200));
            for (String id : registered) {
                await().atMost(Duration.ofSeconds(30)).until(() -> KnownCustomer.findById(id) != null);
                assertEquals("MATCHED", post(id, null).path("customerMatch"), "customer " + id + " is known");
                assertEquals("GOLD", post(id, null).path("customerTier"));
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/complaints/" + complaint).then()
                    .body("customerMatch", is("ERASED")).body("contact.phone", is((Object) null)));
            given().queryParam("customerId", erased).get("/complaints").then()
                    .body("items.customerMatch", hasItem("ERASED"));
            try (EventLog dlq = new EventLog(Fixtures.bootstrap(), Topics.COMPLAINT_DEAD_LETTER)) {
                List<String> keys = List.of(erased, registered.get(0), registered.get(1), registered.get(2));
                assertEquals(List.of(), dlq.readToEnd(r -> keys.contains(r.key())), "nothing was dead-lettered");
            }
        }
    }

    private static io.restassured.response.ExtractableResponse<io.restassured.response.Response> post(
            String customerId, String phone) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("customerId", customerId, "channel", "PHONE",
                "category", "DELIVERY", "severity", "HIGH", "description", "Parcel arrived broken",
                "source", "callcenter-sp"));
        if (phone != null) {
            body.put("contact", Map.of("phone", phone));
        }
        return given().contentType(ContentType.JSON).body(body).post("/complaints").then().statusCode(201).extract();
    }
}
