package io.crmsuite.complaint.customers;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crmsuite.complaint.CustomerFeed;
import io.crmsuite.complaint.Fixtures;
import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.events.EventTypes;
import io.crmsuite.infra.testkit.EventLog;
import io.crmsuite.infra.testkit.TestClock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A complaint linked to its customer later takes the customer's tier's policy when it gives the running cycle an
 * earlier deadline, with the %test policies: critical (CRITICAL, 4 clock hours), platinum (PLATINUM tier, 2 clock
 * hours). Deadlines are worked out from the {@code occurredAt} the test posts.
 */
@QuarkusTest
class LinkingPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static CustomerFeed feed;

    @BeforeAll
    static void connect() {
        feed = new CustomerFeed();
    }

    @AfterAll
    static void disconnect() {
        feed.close();
    }

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
    }

    @Test
    void linkingByHandToAPlatinumCustomerMovesTheDeadlineEarlierKeepingTheElapsedTimeAndTheHold() throws Exception {
        String customerId = UUID.randomUUID().toString();
        feed.registered(customerId, "vip." + customerId.substring(0, 8) + "@example.com", null, "PLATINUM");
        await().atMost(Duration.ofSeconds(20)).until(() -> KnownCustomer.findById(customerId) != null);
        Instant occurred = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> body = Fixtures.complaint();
        body.remove("customerId");
        body.put("contact", Map.of("email", "someone.else." + customerId.substring(0, 8) + "@example.com"));
        body.put("severity", "CRITICAL");
        body.put("occurredAt", occurred.toString());
        String id = Fixtures.post(body).then().statusCode(201).body("customerMatch", is("UNMATCHED"))
                .body("sla.policy", is("critical")).extract().path("id");

        // three hours on hold: excluded, the deadline moves by as much
        Fixtures.act(id, "hold", Map.of("reason", "waiting for photos")).then().statusCode(200);
        TestClock.CLOCK.advance(Duration.ofHours(3));
        var resumed = Fixtures.act(id, "resume", Map.of()).then().statusCode(200).extract();
        Duration paused = Duration.parse(resumed.path("sla.paused"));
        assertEquals(3, paused.toHours());
        Instant criticalDue = occurred.plus(Duration.ofHours(4)).plus(paused);
        assertEquals(criticalDue, Instant.parse(resumed.path("sla.dueAt")));

        var linked = Fixtures.act(id, "link", Map.of("customerId", customerId)).then().statusCode(200)
                .body("customerMatch", is("MATCHED")).body("customerTier", is("PLATINUM"))
                .body("sla.policy", is("platinum")).body("sla.target", is("PT2H")).body("sla.cycle", is(1))
                .body("sla.status", is("ON_TRACK")).extract();
        Instant platinumDue = occurred.plus(Duration.ofHours(2)).plus(paused);
        assertEquals(platinumDue, Instant.parse(linked.path("sla.dueAt")), "2 h from the same start, plus the hold");
        assertEquals(occurred, Instant.parse(linked.path("sla.startedAt")));
        assertEquals(paused, Duration.parse(linked.path("sla.paused")));
        Duration elapsed = Duration.parse(linked.path("sla.elapsed"));
        assertTrue(elapsed.compareTo(Duration.ofHours(1)) >= 0 && elapsed.compareTo(Duration.ofMinutes(62)) < 0,
                "the hour before the link still counts, the hold does not: " + elapsed);

        List<Map<String, Object>> timeline = linked.path("timeline");
        Map<String, Object> change = timeline.get(timeline.size() - 1);
        assertEquals("sla-policy-changed", change.get("type"));
        assertEquals(Map.of("fromPolicy", "critical v1", "fromDueAt", criticalDue.toString(),
                "toPolicy", "platinum v1", "toDueAt", platinumDue.toString(), "reason", "customer tier PLATINUM"),
                change.get("details"));
        assertEquals("customer-linked", timeline.get(timeline.size() - 2).get("type"));

        // the scanner's timer: the warning of the new clock, 80% of 2 h = 96 min of counted time after the start
        Instant warnAt = occurred.plus(Duration.ofMinutes(96)).plus(paused);
        Complaint stored = Complaint.findById(id);
        assertEquals(warnAt, stored.nextSlaCheckAt);
        assertTrue(timerEntries(id).contains(warnAt.toEpochMilli()), "registered in sla_timers: " + timerEntries(id));

        // the event carries the new clock
        JsonNode event = lastEvent(id, EventTypes.COMPLAINT_CUSTOMER_LINKED);
        assertEquals("platinum", event.path("data").path("sla").path("policy").asText());
        assertEquals(platinumDue, Instant.parse(event.path("data").path("sla").path("dueAt").asText()));
        assertEquals(7200, event.path("data").path("sla").path("targetSeconds").asLong());
    }

    @Test
    void aCustomerArrivingAfterThePlatinumDeadlinePassedBreachesTheComplaintAtThatDeadline() throws Exception {
        String customerId = UUID.randomUUID().toString();
        Instant occurred = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> body = Fixtures.complaint();
        body.put("customerId", customerId);
        body.put("severity", "CRITICAL");
        body.put("occurredAt", occurred.toString());
        // critical: due 4 h after the start, warned at 3 h 12 min: neither has come yet
        String id = Fixtures.post(body).then().statusCode(201).body("customerMatch", is("UNKNOWN_CUSTOMER"))
                .body("sla.policy", is("critical")).body("sla.status", is("ON_TRACK")).extract().path("id");

        feed.registered(customerId, null, null, "PLATINUM");
        // platinum: due 2 h after the start (an hour ago), warned at 96 min: both recorded at their moments
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/complaints/" + id).then()
                .body("customerMatch", is("MATCHED")).body("sla.policy", is("platinum"))
                .body("sla.status", is("BREACHED"))
                .body("sla.dueAt", is(occurred.plus(Duration.ofHours(2)).toString()))
                .body("sla.breachedAt", is(occurred.plus(Duration.ofHours(2)).toString()))
                .body("sla.warnedAt", is(occurred.plus(Duration.ofMinutes(96)).toString())));
        assertNull(Complaint.<Complaint>findById(id).nextSlaCheckAt, "nothing left for the scanner");
        await().atMost(Duration.ofSeconds(30)).until(() -> Complaint.<Complaint>findById(id).pendingSince == null);
        try (EventLog log = Fixtures.complaintEvents()) {
            assertEquals(List.of(EventTypes.COMPLAINT_RECEIVED, EventTypes.COMPLAINT_CUSTOMER_LINKED,
                    EventTypes.COMPLAINT_SLA_WARNING, EventTypes.COMPLAINT_SLA_BREACHED),
                    log.readToEnd(r -> id.equals(r.key())).stream().map(Fixtures::typeOf).toList());
        }
    }

    @Test
    void aTierWithoutAnEarlierDeadlineLeavesTheClockAsItWas() {
        String customerId = UUID.randomUUID().toString();
        Map<String, Object> body = Fixtures.complaint(); // HIGH: no policy, the default 24 clock hours
        body.put("customerId", customerId);
        var taken = Fixtures.post(body).then().statusCode(201).body("sla.policy", is("default")).extract();
        String id = taken.path("id");
        String due = taken.path("sla.dueAt");

        feed.registered(customerId, null, null, "GOLD"); // no policy for GOLD
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/complaints/" + id).then()
                .body("customerMatch", is("MATCHED")).body("sla.policy", is("default")).body("sla.dueAt", is(due))
                .body("timeline.type", is(List.of("received", "customer-linked"))));
    }

    /** The {@code at} of every sla_timers entry of the complaint. */
    private static List<Long> timerEntries(String id) {
        return Complaint.mongoDatabase().getCollection("sla_timers").find().into(new java.util.ArrayList<>()).stream()
                .flatMap(b -> b.getList("due", Document.class, List.of()).stream())
                .filter(e -> id.equals(e.getString("id"))).map(e -> e.getLong("at")).toList();
    }

    private static JsonNode lastEvent(String id, String type) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> Complaint.<Complaint>findById(id).pendingSince == null);
        try (EventLog log = Fixtures.complaintEvents()) {
            JsonNode found = null;
            for (var record : log.readToEnd(r -> id.equals(r.key()))) {
                JsonNode event = JSON.readTree(record.value());
                if (type.equals(event.path("type").asText())) {
                    found = event;
                }
            }
            if (found == null) {
                throw new AssertionError("no " + type + " event for " + id);
            }
            return found;
        }
    }
}
