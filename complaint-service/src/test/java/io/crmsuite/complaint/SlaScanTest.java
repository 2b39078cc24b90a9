package io.crmsuite.complaint;

import static io.crmsuite.complaint.Fixtures.act;
import static io.crmsuite.complaint.Fixtures.create;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.crmsuite.complaint.sla.SlaScanner;
import io.crmsuite.events.EventTypes;
import io.crmsuite.infra.testkit.EventLog;
import io.crmsuite.infra.testkit.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class SlaScanTest {

    @Inject
    SlaScanner scanner;

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
    }

    @Test
    void warnsAtEightyPercentAndBreachesAtTwentyFourHours() {
        String id = create();
        TestClock.CLOCK.advance(Duration.ofMinutes(19 * 60 + 13)); // past 19h12m = 80% of 24h
        scanner.scan();
        given().get("/complaints/" + id).then().body("sla.status", is("AT_RISK"))
                .body("sla.warnedAt", org.hamcrest.Matchers.notNullValue()).body("sla.breachedAt", is((Object) null));
        given().queryParam("clockStatus", "AT_RISK").queryParam("customerId", customerOf(id)).get("/complaints").then()
                .body("items[0].id", is(id));
        TestClock.CLOCK.advance(Duration.ofHours(5));
        scanner.scan();
        var c = given().get("/complaints/" + id).then().body("sla.status", is("BREACHED")).extract();
        assertEquals((String) c.path("sla.dueAt"), c.path("sla.breachedAt"), "the breach is recorded at its moment");
        try (EventLog log = Fixtures.complaintEvents()) {
            List<String> types = types(log.awaitKey(id, 3, Duration.ofSeconds(20)));
            assertEquals(List.of(EventTypes.COMPLAINT_RECEIVED, EventTypes.COMPLAINT_SLA_WARNING,
                    EventTypes.COMPLAINT_SLA_BREACHED), types);
        }
    }

    @Test
    void aComplaintOnHoldIsNeitherWarnedNorBreached() {
        String id = create();
        act(id, "hold", Map.of("reason", "waiting for the customer")).then().statusCode(200);
        TestClock.CLOCK.advance(Duration.ofDays(3));
        scanner.scan();
        given().get("/complaints/" + id).then().body("sla.status", is("ON_TRACK")).body("sla.warnedAt", is((Object) null));
    }

    @Test
    void theServiceDetectsABreachByItselfWithinSeconds() {
        var body = Fixtures.complaint();
        // 24 hours minus 3 seconds ago: the warning is already due, the deadline comes in 3 seconds
        body.put("occurredAt", java.time.Instant.now().minus(Duration.ofHours(24)).plus(Duration.ofSeconds(3)).toString());
        String id = Fixtures.create(body);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().get("/complaints/" + id).then().body("sla.breachedAt", org.hamcrest.Matchers.notNullValue()));
    }

    @Test
    void theWorklistPutsBreachedComplaintsOnTop() {
        String team = "team-" + java.util.UUID.randomUUID();
        String later = create();
        act(later, "assign", Map.of("agent", "bo", "team", team)).then().statusCode(200);
        var body = Fixtures.complaint();
        body.put("occurredAt", java.time.Instant.now().minus(Duration.ofHours(30)).toString());
        String overdue = Fixtures.create(body);
        act(overdue, "assign", Map.of("agent", "bo", "team", team)).then().statusCode(200);
        given().queryParam("team", team).get("/complaints/worklist").then().statusCode(200)
                .body("id", is(List.of(overdue, later)));
    }

    private static String customerOf(String id) {
        return given().get("/complaints/" + id).then().extract().path("customerId");
    }

    private static List<String> types(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> r.value().replaceAll(".*\"type\":\"([^\"]+)\".*", "$1")).toList();
    }
}
