package io.crmsuite.complaint;

import static io.crmsuite.complaint.Fixtures.act;
import static io.crmsuite.complaint.Fixtures.create;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.crmsuite.infra.testkit.EventLog;
import io.crmsuite.infra.testkit.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class HandlingTest {

    private static final Map<String, Object> BODIES = Map.of(
            "acknowledge", Map.of("message", "We are on it"),
            "assign", Map.of("agent", "ana", "team", "logistics"),
            "hold", Map.of("reason", "waiting for photos"),
            "resume", Map.of(),
            "resolve", Map.of("resolutionCode", "REPLACED", "summary", "Sent a new unit",
                    "compensation", Map.of("kind", "VOUCHER", "amount", 20.00)),
            "reopen", Map.of("reason", "the new unit is broken too"),
            "close", Map.of(),
            "notes", Map.of("text", "called back"),
            "satisfaction", Map.of("score", 5, "wouldBuyAgain", true));

    /** How to bring a fresh complaint into each state. */
    private static final Map<String, Function<String, String>> STATES = new LinkedHashMap<>();
    static {
        STATES.put("RECEIVED", id -> id);
        STATES.put("ACKNOWLEDGED", id -> ok(id, "acknowledge"));
        STATES.put("IN_PROGRESS", id -> ok(ok(id, "acknowledge"), "assign"));
        STATES.put("ON_HOLD", id -> ok(id, "hold"));
        STATES.put("RESOLVED", id -> ok(id, "resolve"));
        STATES.put("CLOSED", id -> ok(ok(id, "resolve"), "close"));
    }

    /**
     * What each state allows: notes always; acknowledge only once; satisfaction once per resolution; link while
     * the customer is not known (the fixtures' customer ids are unknown to the service).
     */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "RECEIVED", Set.of("acknowledge", "assign", "hold", "resolve", "notes", "link"),
            "ACKNOWLEDGED", Set.of("assign", "hold", "resolve", "notes", "link"),
            "IN_PROGRESS", Set.of("assign", "hold", "resolve", "notes", "link"),
            "ON_HOLD", Set.of("acknowledge", "assign", "resume", "resolve", "notes", "link"),
            "RESOLVED", Set.of("reopen", "close", "notes", "satisfaction", "link"),
            "CLOSED", Set.of("reopen", "notes", "satisfaction", "link"));

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
    }

    @Test
    void everyActionInEveryStateIsAllowedOrRefusedWith409() {
        for (Map.Entry<String, Function<String, String>> state : STATES.entrySet()) {
            for (String action : BODIES.keySet()) {
                String id = state.getValue().apply(create());
                given().get("/complaints/" + id).then().body("status", is(state.getKey()));
                boolean allowed = ALLOWED.get(state.getKey()).contains(action);
                var response = act(id, action, BODIES.get(action));
                if (allowed) {
                    response.then().statusCode(200);
                } else {
                    response.then().statusCode(409).contentType("application/problem+json")
                            .body("allowedActions", containsInAnyOrder(ALLOWED.get(state.getKey()).toArray()));
                }
            }
        }
    }

    @Test
    void eachActionIsOnTheTimelineWithActorAndTime() {
        String id = create();
        ok(id, "acknowledge");
        ok(id, "assign");
        act(id, "notes", Map.of("text", "called back", "actor", "supervisor")).then().statusCode(200);
        given().get("/complaints/" + id).then().body("timeline.type", is(List.of("received", "acknowledged", "assigned", "note")))
                .body("timeline[2].actor", is(Fixtures.CLIENT)).body("timeline[2].agent", is("agent-7"))
                .body("timeline[2].details.team", is("logistics"))
                .body("timeline[3].actor", is(Fixtures.CLIENT)).body("timeline[3].agent", is("supervisor"))
                .body("assignee", is("ana"))
                .body("acknowledgedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void holdPausesTheClockAndResumeMovesTheDeadline() {
        String id = create();
        String due = given().get("/complaints/" + id).then().extract().path("sla.dueAt");
        ok(id, "hold");
        TestClock.CLOCK.advance(Duration.ofHours(30));
        given().get("/complaints/" + id).then().body("sla.status", is("ON_TRACK")).body("sla.onHold", is(true));
        ok(id, "resume");
        var after = given().get("/complaints/" + id).then().body("status", is("RECEIVED")).extract();
        Duration moved = Duration.between(java.time.Instant.parse(due), java.time.Instant.parse(after.path("sla.dueAt")));
        assertEquals(30, moved.toHours());
        assertEquals(30, Duration.parse(after.path("sla.paused")).toHours());
        org.junit.jupiter.api.Assertions.assertTrue(Duration.parse(after.path("sla.elapsed")).toMinutes() < 5);
    }

    @Test
    void resolvingAfterTwentyFourHoursIsMissedAndWithinIsMet() {
        String late = create();
        TestClock.CLOCK.advance(Duration.ofHours(25));
        ok(late, "resolve");
        given().get("/complaints/" + late).then().body("sla.status", is("MISSED")).body("resolution.met", is(false))
                .body("resolution.compensation.kind", is("VOUCHER")).body("resolution.compensation.amount", is(20.0f));
        TestClock.CLOCK.reset();
        String quick = create();
        TestClock.CLOCK.advance(Duration.ofHours(3));
        ok(quick, "resolve");
        given().get("/complaints/" + quick).then().body("sla.status", is("MET")).body("resolution.met", is(true))
                .body("resolution.duration", org.hamcrest.Matchers.startsWith("PT3H"));
    }

    @Test
    void reopeningStartsANewCycleWithANewClock() {
        String id = ok(create(), "resolve");
        TestClock.CLOCK.advance(Duration.ofHours(2));
        ok(id, "reopen");
        given().get("/complaints/" + id).then().body("status", is("IN_PROGRESS")).body("sla.cycle", is(2))
                .body("sla.status", is("ON_TRACK")).body("previousCycles[0].status", is("MET"))
                .body("resolution", is((Object) null)).body("allowedActions", hasItem("resolve"));
    }

    @Test
    void aLowSatisfactionScoreReopensForServiceRecovery() {
        String id = ok(create(), "resolve");
        act(id, "satisfaction", Map.of("score", 1, "wouldBuyAgain", false, "comment", "still broken")).then()
                .statusCode(200).body("status", is("IN_PROGRESS")).body("sla.cycle", is(2));
        act(id, "satisfaction", Map.of("score", 5)).then().statusCode(409).body("allowedActions", hasItem("resolve"));
        String happy = ok(create(), "resolve");
        act(happy, "satisfaction", Map.of("score", 6)).then().statusCode(400).body("field", is("score"));
        act(happy, "satisfaction", Map.of("score", 4)).then().statusCode(200).body("status", is("RESOLVED"))
                .body("satisfaction.score", is(4));
    }

    @Test
    void aStaleIfMatchIs412AndBadBodiesAre400() {
        String id = create();
        given().contentType(ContentType.JSON).header("If-Match", "\"99\"").body(Map.of()).post("/complaints/" + id + "/acknowledge")
                .then().statusCode(412);
        act(id, "assign", Map.of("team", "no agent")).then().statusCode(400).body("field", is("agent"));
        act(id, "resolve", Map.of("resolutionCode", "X", "compensation", Map.of("kind", "CASH", "amount", -5))).then()
                .statusCode(400).body("field", is("compensation.amount"));
        act(java.util.UUID.randomUUID().toString(), "acknowledge", Map.of()).then().statusCode(404);
    }

    @Test
    void anActionWithoutItsBodyIs400NamingTheBodyNotAJavaParameter() {
        String id = create();
        for (String action : new String[] { "assign", "hold", "resolve", "reopen", "notes", "satisfaction", "link" }) {
            given().contentType(ContentType.JSON).header("X-Actor", "agent-7").post("/complaints/" + id + "/" + action)
                    .then().statusCode(400).contentType("application/problem+json").body("field", is("body"))
                    .body("detail", is("a JSON body is required")).body("errors[0].field", is("body"));
        }
        given().contentType(ContentType.JSON).post("/complaints").then().statusCode(400).body("field", is("body"));
        // the actions whose body is optional still act without one
        given().contentType(ContentType.JSON).post("/complaints/" + id + "/acknowledge").then().statusCode(200);
    }

    @Test
    void aRetriedActionWithItsIdempotencyKeyIsDoneOnce() throws Exception {
        String id = create();
        keyed(id, "resolve", "agent-7-resolve-1", BODIES.get("resolve")).then().statusCode(200);
        act(id, "close", Map.of()).then().statusCode(200);
        // the retry comes after the complaint moved on: answered with the complaint as it is now, not 409
        keyed(id, "resolve", "agent-7-resolve-1", BODIES.get("resolve")).then().statusCode(200)
                .body("status", is("CLOSED")).body("resolution.resolutionCode", is("REPLACED"));
        keyed(id, "reopen", "agent-7-resolve-1", Map.of("reason", "x")).then().statusCode(422);
        keyed(id, "resolve", "agent-7-resolve-1", Map.of("resolutionCode", "OTHER")).then().statusCode(422);
        given().get("/complaints/" + id).then()
                .body("timeline.findAll { it.type == 'resolved' }.size()", is(1));
        try (EventLog log = Fixtures.complaintEvents()) {
            log.awaitKey(id, 3, Duration.ofSeconds(20)); // received, resolved, closed
            long resolved = log.settle(r -> id.equals(r.key()), Duration.ofSeconds(1)).stream()
                    .filter(r -> r.value().contains("\"type\":\"complaint.resolved\"")).count();
            assertEquals(1, resolved, "one complaint.resolved event");
        }
    }

    private static io.restassured.response.Response keyed(String id, String action, String key, Object body) {
        return given().contentType(ContentType.JSON).header("X-Actor", "agent-7").header("Idempotency-Key", key)
                .body(body).post("/complaints/" + id + "/" + action);
    }

    private static String ok(String id, String action) {
        act(id, action, BODIES.get(action)).then().statusCode(200);
        return id;
    }
}
