package io.crmsuite.complaint.sla;

import static io.crmsuite.complaint.Fixtures.act;
import static io.restassured.RestAssured.given;
import static io.restassured.module.jsv.JsonSchemaValidator.matchesJsonSchemaInClasspath;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;

import io.crmsuite.complaint.Fixtures;
import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.ComplaintStore;
import io.crmsuite.events.EventTypes;
import io.crmsuite.infra.testkit.EventLog;
import io.crmsuite.infra.testkit.TestClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * The escalation steps of the test profile (application.properties), worked out by hand:
 *
 * <pre>
 * supervisor     STAFF complaints, BREACHED + PT0S: to team "supervisors", severity +1
 * care-manager   STAFF complaints, BREACHED + PT4H: to team "care-managers", severity +2 (at most CRITICAL)
 * senior-agents  SERVICE complaints, AT_RISK + PT1H: to team "senior-agents", severity unchanged
 * </pre>
 *
 * A MEDIUM complaint has the default policy, 24 clock hours from its receipt R: warning at R + 19h12m, deadline
 * R + 24h, so "supervisor" falls at R + 24h (level 1, MEDIUM to HIGH) and "care-manager" at R + 28h (level 2, HIGH
 * to CRITICAL: +2 capped). The application's own scan is paused: only the scans and actions of each test record.
 * Every complaint a test leaves open is resolved afterwards, so no other test's scan escalates it.
 */
@QuarkusTest
class EscalationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DAY = Duration.ofHours(24);

    @Inject
    Scheduler scheduler;
    @Inject
    SlaScanner scanner;
    @Inject
    ComplaintStore store;
    @Inject
    SlaRecorder recorder;
    @Inject
    OtherReplica otherReplica;
    @Inject
    MongoClient mongo;
    @Inject
    Clock clock;
    @Inject
    MeterRegistry registry;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void nobodyElseScans() {
        scheduler.pause();
    }

    @AfterEach
    void resolveWhatIsOpenResetTheClockAndScanAgain() {
        for (String id : created) {
            Complaint c = Complaint.findById(id);
            if (c != null && c.status.isOpen()) {
                act(id, "resolve", Map.of("resolutionCode", "TEST_DONE")).then().statusCode(200);
            }
        }
        TestClock.CLOCK.reset();
        scheduler.resume();
    }

    @Test
    void aBreachedComplaintEscalatesTwiceEachStepAtItsMomentWithItsTeamAndSeverity() throws Exception {
        String id = staff("MEDIUM");
        act(id, "assign", Map.of("agent", "bo", "team", "front-desk")).then().statusCode(200);
        JsonPath fresh = view(id);
        Instant received = instant(fresh, "receivedAt");
        Instant due = instant(fresh, "sla.dueAt");
        assertEquals(received.plus(DAY), due, "the default 24 clock hours from the receipt");

        TestClock.CLOCK.advance(Duration.ofHours(25));
        scanner.scan();
        JsonPath first = view(id);
        assertEquals(1, first.getInt("escalationLevel"));
        assertEquals("supervisors", first.getString("team"));
        assertNull(first.getString("assignee"), "the supervisors' queue: the agent of the front desk is cleared");
        assertEquals("HIGH", first.getString("severity"));
        assertEquals("BREACHED", first.getString("sla.status"));
        assertEquals(List.of(Map.of("step", "supervisor", "level", 1, "trigger", "BREACHED", "at", due.toString(),
                "fromTeam", "front-desk", "toTeam", "supervisors", "fromAgent", "bo", "fromSeverity", "MEDIUM",
                "toSeverity", "HIGH")), first.getList("sla.escalations"));
        assertEquals(Map.of("at", due.toString(), "type", "escalated", "actor", "sla-monitor", "details",
                Map.of("step", "supervisor", "level", "1", "trigger", "BREACHED", "fromTeam", "front-desk",
                        "toTeam", "supervisors", "fromAgent", "bo", "fromSeverity", "MEDIUM", "toSeverity", "HIGH")),
                withoutAgent(first.getMap("timeline[-1]")));
        assertEquals(due.plus(Duration.ofHours(4)).plusMillis(1), Complaint.<Complaint>findById(id).nextSlaCheckAt,
                "the next check is care-manager's moment (just after, as for a breach)");

        TestClock.CLOCK.advance(Duration.ofHours(2)); // R + 27h: care-manager is not due yet
        scanner.scan();
        assertEquals(1, view(id).getInt("escalationLevel"));

        TestClock.CLOCK.advance(Duration.ofHours(2)); // R + 29h
        scanner.scan();
        JsonPath second = view(id);
        assertEquals(2, second.getInt("escalationLevel"));
        assertEquals("care-managers", second.getString("team"));
        assertEquals("CRITICAL", second.getString("severity"), "HIGH + 2 is capped at CRITICAL");
        assertEquals(Map.of("step", "care-manager", "level", 2, "trigger", "BREACHED",
                "at", due.plus(Duration.ofHours(4)).toString(), "fromTeam", "supervisors", "toTeam", "care-managers",
                "fromSeverity", "HIGH", "toSeverity", "CRITICAL"), withoutNulls(second.getMap("sla.escalations[1]")));
        assertEquals(List.of("escalated", "escalated"), second.getList("timeline.type").stream()
                .filter("escalated"::equals).toList());
        assertEquals(due.plus(Duration.ofHours(4)).toString(), second.getString("timeline[-1].at"));
        assertNull(Complaint.<Complaint>findById(id).nextSlaCheckAt, "breached, every step applied: nothing to check");

        List<JsonNode> events = events(id);
        assertEquals(List.of(EventTypes.COMPLAINT_RECEIVED, EventTypes.COMPLAINT_ASSIGNED,
                EventTypes.COMPLAINT_SLA_WARNING, EventTypes.COMPLAINT_SLA_BREACHED, EventTypes.COMPLAINT_ESCALATED,
                EventTypes.COMPLAINT_ESCALATED), types(events));
        assertEquals("BREACHED", events.get(3).at("/data/sla/status").asText(), "the breach's data, at the deadline");
        JsonNode one = events.get(4);
        JsonNode two = events.get(5);
        for (JsonNode e : List.of(one, two)) {
            assertThat(e.get("data").toString(),
                    matchesJsonSchemaInClasspath(EventTypes.schemaResource(EventTypes.COMPLAINT_ESCALATED)));
        }
        assertEquals(5, one.get("aggregateversion").asLong());
        assertEquals(due.toString(), one.get("time").asText());
        assertEquals(JSON.readTree("""
                {"step": "supervisor", "level": 1, "trigger": "BREACHED", "fromTeam": "front-desk",
                 "toTeam": "supervisors", "fromAgent": "bo", "fromSeverity": "MEDIUM", "toSeverity": "HIGH",
                 "at": "%s"}""".formatted(due)), one.at("/data/escalation"));
        assertEquals(1, one.at("/data/escalationLevel").asInt());
        assertEquals("HIGH", one.at("/data/severity").asText(), "the complaint as after the step");
        assertEquals("supervisors", one.at("/data/assignment/team").asText());
        assertTrue(one.at("/data/assignment/agent").isNull());
        assertEquals("BREACHED", one.at("/data/sla/status").asText());
        assertEquals(JSON.readTree("""
                {"step": "care-manager", "level": 2, "trigger": "BREACHED", "fromTeam": "supervisors",
                 "toTeam": "care-managers", "fromAgent": null, "fromSeverity": "HIGH", "toSeverity": "CRITICAL",
                 "at": "%s"}""".formatted(due.plus(Duration.ofHours(4)))), two.at("/data/escalation"));
        assertEquals(2, two.at("/data/escalationLevel").asInt());
        assertEquals(DAY.plusHours(4).toSeconds(), two.at("/data/sla/elapsedSeconds").asLong(),
                "elapsed at the step's own moment");
    }

    @Test
    void twoReplicasRacingAndATimerDeliveredAgainRecordEachStepOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(staff("MEDIUM"));
        }
        double supervisorBefore = escalations("supervisor");
        double careManagerBefore = escalations("care-manager");
        List<SlaScanner> replicas = List.of(otherReplica.scanner(), otherReplica.scanner());

        TestClock.CLOCK.advance(Duration.ofHours(25));
        int recorded = race(replicas);
        for (String id : ids) {
            assertEquals(1, Complaint.<Complaint>findById(id).escalationLevel, id);
        }
        // a copy read now, as a replica that read before the next step and writes after the others did
        Map<String, Complaint> stale = new java.util.HashMap<>();
        ids.forEach(id -> stale.put(id, Complaint.findById(id)));

        TestClock.CLOCK.advance(Duration.ofHours(4)); // R + 29h
        recorded += race(replicas);
        for (String id : ids) {
            Complaint c = Complaint.findById(id);
            assertEquals(2, c.escalationLevel, id);
            assertEquals(5, c.version, id + ": received, warning, breach, two steps");
        }
        assertEquals(2 * ids.size(), recorded, "the scans' own count of the steps they stored");
        assertEquals(ids.size(), escalations("supervisor") - supervisorBefore, 0.0);
        assertEquals(ids.size(), escalations("care-manager") - careManagerBefore, 0.0);

        // the stale copy's timer delivered again: the scan reads the complaint, nothing is due any more
        SlaTimers timers = otherReplica.timers();
        for (String id : ids) {
            timers.saved(stale.get(id)); // its next check (R + 28h) has passed
        }
        otherReplica.scanner(timers).scan();
        // the stale copy records the second step again, but its write is conditional on what it read: it loses
        Complaint copy = stale.get(ids.get(0));
        long readRevision = copy.revision;
        long readVersion = copy.version;
        assertEquals(1, recorder.catchUp(copy, clock.instant()).escalations().size());
        assertFalse(store.saveIfUnchanged(copy, readRevision, readVersion));

        for (String id : ids) {
            Complaint c = Complaint.findById(id);
            assertEquals(2, c.escalationLevel, id);
            assertEquals(5, c.version, id);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream()
                .allMatch(id -> Complaint.<Complaint>findById(id).pendingSince == null));
        try (EventLog log = Fixtures.complaintEvents()) {
            Map<String, List<String>> typesById = new java.util.HashMap<>();
            for (ConsumerRecord<String, String> r : log.readToEnd(r -> ids.contains(r.key()))) {
                typesById.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(Fixtures.typeOf(r));
            }
            for (String id : ids) {
                assertEquals(List.of(EventTypes.COMPLAINT_RECEIVED, EventTypes.COMPLAINT_SLA_WARNING,
                        EventTypes.COMPLAINT_SLA_BREACHED, EventTypes.COMPLAINT_ESCALATED,
                        EventTypes.COMPLAINT_ESCALATED), typesById.get(id), id);
            }
        }
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("crm_complaints_escalations_total{step=\"care-manager\"}"));
    }

    @Test
    void aScanAndAnAgentsActionRacingRecordTheStepOnceBeforeTheAction() {
        String id = staff("MEDIUM");
        TestClock.CLOCK.advance(Duration.ofHours(25)); // R + 25h: the breach and the first step are due
        // a replica's scan has read the complaint and recorded the breach and the step in its copy ...
        Complaint scanned = Complaint.findById(id);
        long readRevision = scanned.revision;
        long readVersion = scanned.version;
        SlaRecorder.Recorded recorded = recorder.catchUp(scanned, clock.instant());
        assertTrue(recorded.breach());
        assertEquals(List.of("supervisor"), recorded.escalations().stream().map(e -> e.step).toList());
        // ... when an agent resolves it: the action records them itself, first, in its own write
        act(id, "resolve", Map.of("resolutionCode", "REPLACED")).then().statusCode(200)
                .body("escalationLevel", is(1)).body("team", is("supervisors")).body("sla.status", is("MISSED"));
        assertFalse(store.saveIfUnchanged(scanned, readRevision, readVersion), "the scan's write loses");
        scanner.scan();

        JsonPath after = view(id);
        assertEquals(List.of("supervisor"), after.getList("sla.escalations.step"));
        assertEquals(1, after.getList("timeline.type").stream().filter("escalated"::equals).count());
        assertEquals(List.of(EventTypes.COMPLAINT_RECEIVED, EventTypes.COMPLAINT_SLA_WARNING,
                EventTypes.COMPLAINT_SLA_BREACHED, EventTypes.COMPLAINT_ESCALATED, EventTypes.COMPLAINT_RESOLVED),
                types(events(id)), "the step once, before the resolution");
    }

    @Test
    void aRestartBetweenTheStepsLosesNeitherTheTimerNorTheSecondStep() throws Exception {
        String id = staff("MEDIUM");
        Instant due = instant(view(id), "sla.dueAt");
        TestClock.CLOCK.advance(Duration.ofHours(25)); // R + 25h: the first step only
        otherReplica.scanner().scan();
        assertEquals(1, view(id).getInt("escalationLevel"));

        // every replica restarts, and the timer buckets are gone too (the worst case): a new process's timers
        // know nothing, so the second step can only come from the complaint's own next check
        mongo.getDatabase(database).getCollection("sla_timers").deleteMany(new org.bson.Document());
        SlaTimers restarted = otherReplica.timers();
        SlaScanner afterRestart = otherReplica.scanner(restarted);
        TestClock.CLOCK.advance(Duration.ofHours(4)); // R + 29h, past care-manager's R + 28h
        assertEquals(0, afterRestart.scan().due(), "no bucket holds the complaint any more");
        assertEquals(1, view(id).getInt("escalationLevel"));
        restarted.reconcile(); // what a started replica does after 5 s: re-register every pending check
        // every open complaint of the test database is re-registered, other tests' too, and a pass takes a bounded
        // number: pass until none is left due
        List<SlaScanner.Result> passes = new java.util.ArrayList<>();
        do {
            passes.add(afterRestart.scan());
        } while (passes.get(passes.size() - 1).due() > 0 && passes.size() < 100);
        assertTrue(passes.stream().mapToLong(SlaScanner.Result::escalations).sum() >= 1,
                "the second step of this complaint: " + passes);

        JsonPath after = view(id);
        assertEquals(2, after.getInt("escalationLevel"));
        assertEquals(List.of(due.toString(), due.plus(Duration.ofHours(4)).toString()),
                after.getList("sla.escalations.at"), "the second step at its own moment, not at the restart");
        assertEquals(List.of(EventTypes.COMPLAINT_RECEIVED, EventTypes.COMPLAINT_SLA_WARNING,
                EventTypes.COMPLAINT_SLA_BREACHED, EventTypes.COMPLAINT_ESCALATED, EventTypes.COMPLAINT_ESCALATED),
                types(events(id)));
        afterRestart.scan(); // scanning again after the restart adds nothing
        assertEquals(5, Complaint.<Complaint>findById(id).version);
    }

    @Test
    void stepsWhoseMomentsPassedWhileNobodyScannedAreRecordedAtTheirOwnMoments() throws Exception {
        String byAction = staff("MEDIUM");
        String byScan = staff("MEDIUM");
        TestClock.CLOCK.advance(Duration.ofHours(30)); // "down" past the deadline and both steps

        JsonPath resolved = Fixtures.act(byAction, "resolve", Map.of("resolutionCode", "REPLACED")).then()
                .statusCode(200).body("sla.status", is("MISSED")).body("escalationLevel", is(2)).extract().jsonPath();
        Instant due = instant(resolved, "sla.dueAt");
        assertEquals(List.of(due.toString(), due.plus(Duration.ofHours(4)).toString()),
                resolved.getList("sla.escalations.at"));
        List<JsonNode> events = events(byAction);
        assertEquals(List.of(EventTypes.COMPLAINT_RECEIVED, EventTypes.COMPLAINT_SLA_WARNING,
                EventTypes.COMPLAINT_SLA_BREACHED, EventTypes.COMPLAINT_ESCALATED, EventTypes.COMPLAINT_ESCALATED,
                EventTypes.COMPLAINT_RESOLVED), types(events));
        Instant received = instant(resolved, "receivedAt");
        assertEquals(List.of(received.toString(), received.plus(Duration.ofMinutes(19 * 60 + 12)).toString(),
                due.toString(), due.toString(), due.plus(Duration.ofHours(4)).toString()),
                events.subList(0, 5).stream().map(e -> Instant.parse(e.get("time").asText()).toString()).toList(),
                "each at its own moment, in the order of the moments");
        assertEquals(List.of(1, 2), events.subList(3, 5).stream().map(e -> e.at("/data/escalationLevel").asInt())
                .toList());

        scanner.scan();
        JsonPath scanned = view(byScan);
        Instant dueOfScanned = instant(scanned, "sla.dueAt");
        assertEquals(2, scanned.getInt("escalationLevel"));
        assertEquals(List.of(dueOfScanned.toString(), dueOfScanned.plus(Duration.ofHours(4)).toString()),
                scanned.getList("sla.escalations.at"));
        assertEquals(List.of(EventTypes.COMPLAINT_RECEIVED, EventTypes.COMPLAINT_SLA_WARNING,
                EventTypes.COMPLAINT_SLA_BREACHED, EventTypes.COMPLAINT_ESCALATED, EventTypes.COMPLAINT_ESCALATED),
                types(events(byScan)));
    }

    @Test
    void anAtRiskStepComesAnHourAfterTheWarningAndAHoldMovesIt() {
        String plain = service();
        String held = service();
        JsonPath fresh = view(plain);
        Instant warnAt = instant(fresh, "receivedAt").plus(Duration.ofMinutes(19 * 60 + 12));

        TestClock.CLOCK.advance(Duration.ofMinutes(19 * 60 + 30)); // R + 19h30m: both warned
        scanner.scan();
        assertEquals("AT_RISK", view(plain).getString("sla.status"));
        assertEquals(0, view(plain).getInt("escalationLevel"));
        assertEquals(warnAt.plus(Duration.ofHours(1)), Complaint.<Complaint>findById(plain).nextSlaCheckAt);
        act(held, "hold", Map.of("reason", "waiting for the customer's photos")).then().statusCode(200);

        TestClock.CLOCK.advance(Duration.ofHours(2)); // R + 21h30m
        act(held, "resume", Map.of()).then().statusCode(200);
        scanner.scan();
        JsonPath escalated = view(plain);
        assertEquals(1, escalated.getInt("escalationLevel"));
        assertEquals(Map.of("step", "senior-agents", "level", 1, "trigger", "AT_RISK",
                "at", warnAt.plus(Duration.ofHours(1)).toString(), "toTeam", "senior-agents",
                "fromSeverity", "HIGH", "toSeverity", "HIGH"), withoutNulls(escalated.getMap("sla.escalations[0]")));
        assertEquals("AT_RISK", escalated.getString("sla.status"), "still before its deadline");
        assertEquals(Map.of("step", "senior-agents", "level", "1", "trigger", "AT_RISK", "toTeam", "senior-agents"),
                escalated.getMap("timeline[-1].details"), "the severity did not change: not on the timeline");
        assertEquals(0, view(held).getInt("escalationLevel"), "on hold for two hours: its step moved by as much");

        JsonPath wasHeld = view(held);
        Instant heldWarnAt = instant(wasHeld, "receivedAt").plus(Duration.ofMinutes(19 * 60 + 12));
        Duration paused = Duration.parse(wasHeld.getString("sla.paused"));
        assertTrue(paused.compareTo(Duration.ofHours(2)) >= 0, "held two hours: " + paused);
        TestClock.CLOCK.advance(Duration.ofHours(1)); // R + 22h30m, past R + 19h12m + 1h + the hold
        scanner.scan();
        assertEquals(heldWarnAt.plus(Duration.ofHours(1)).plus(paused).toString(),
                view(held).getString("sla.escalations[0].at"));

        TestClock.CLOCK.advance(Duration.ofHours(5)); // breached: SERVICE has no step after the breach
        scanner.scan();
        assertEquals("BREACHED", view(plain).getString("sla.status"));
        assertEquals(1, view(plain).getInt("escalationLevel"));
        assertEquals(List.of(EventTypes.COMPLAINT_RECEIVED, EventTypes.COMPLAINT_SLA_WARNING,
                EventTypes.COMPLAINT_ESCALATED, EventTypes.COMPLAINT_SLA_BREACHED), types(events(plain)));
    }

    @Test
    void aComplaintResolvedBeforeAStepsMomentIsNotEscalatedByIt() {
        String early = staff("MEDIUM");
        String between = staff("MEDIUM");
        TestClock.CLOCK.advance(Duration.ofHours(20)); // before the deadline
        act(early, "resolve", Map.of("resolutionCode", "REPLACED")).then().statusCode(200)
                .body("sla.status", is("MET"));
        assertNull(Complaint.<Complaint>findById(early).nextSlaCheckAt);
        TestClock.CLOCK.advance(Duration.ofHours(6)); // R + 26h: between the two steps
        act(between, "resolve", Map.of("resolutionCode", "REPLACED")).then().statusCode(200)
                .body("escalationLevel", is(1));
        TestClock.CLOCK.advance(Duration.ofHours(20)); // R + 46h: long past both steps
        scanner.scan();

        assertEquals(0, view(early).getInt("escalationLevel"));
        assertEquals(List.of(), view(early).getList("sla.escalations"));
        assertEquals(1, view(between).getInt("escalationLevel"));
        assertEquals(List.of(EventTypes.COMPLAINT_RECEIVED, EventTypes.COMPLAINT_SLA_WARNING,
                EventTypes.COMPLAINT_RESOLVED), types(events(early)));
        assertEquals(List.of(EventTypes.COMPLAINT_RECEIVED, EventTypes.COMPLAINT_SLA_WARNING,
                EventTypes.COMPLAINT_SLA_BREACHED, EventTypes.COMPLAINT_ESCALATED, EventTypes.COMPLAINT_RESOLVED),
                types(events(between)));
    }

    @Test
    void aReopenStartsANewCycleAtLevelZeroAndItsStepsApplyAgain() {
        String id = staff("MEDIUM");
        TestClock.CLOCK.advance(Duration.ofHours(25));
        scanner.scan();
        act(id, "resolve", Map.of("resolutionCode", "REPLACED")).then().statusCode(200).body("escalationLevel", is(1));
        JsonPath reopened = act(id, "reopen", Map.of("reason", "broken again")).then().statusCode(200).extract()
                .jsonPath();
        assertEquals(0, reopened.getInt("escalationLevel"));
        assertEquals(2, reopened.getInt("sla.cycle"));
        assertEquals(List.of(), reopened.getList("sla.escalations"));
        assertEquals(List.of("supervisor"), reopened.getList("previousCycles[0].escalations.step"));
        assertEquals("supervisors", reopened.getString("team"), "team and severity stay as the step left them");
        assertEquals("HIGH", reopened.getString("severity"));

        TestClock.CLOCK.advance(Duration.ofHours(25)); // the new cycle's 24 hours have passed
        scanner.scan();
        JsonPath again = view(id);
        assertEquals(1, again.getInt("escalationLevel"));
        assertEquals(Map.of("step", "supervisor", "level", 1, "trigger", "BREACHED", "at", again.getString("sla.dueAt"),
                "fromTeam", "supervisors", "toTeam", "supervisors", "fromSeverity", "HIGH", "toSeverity", "CRITICAL"),
                withoutNulls(again.getMap("sla.escalations[0]")));
        List<JsonNode> events = events(id);
        assertEquals(List.of(EventTypes.COMPLAINT_RECEIVED, EventTypes.COMPLAINT_SLA_WARNING,
                EventTypes.COMPLAINT_SLA_BREACHED, EventTypes.COMPLAINT_ESCALATED, EventTypes.COMPLAINT_RESOLVED,
                EventTypes.COMPLAINT_REOPENED, EventTypes.COMPLAINT_SLA_WARNING, EventTypes.COMPLAINT_SLA_BREACHED,
                EventTypes.COMPLAINT_ESCALATED), types(events));
        assertEquals(0, events.get(5).at("/data/escalationLevel").asInt(), "the reopen's data: level 0");
        assertEquals(2, events.get(8).at("/data/sla/cycle").asInt());
    }

    @Test
    void theListFiltersAndSortsByEscalationLevelAndRefusesBadValues() {
        String customer = UUID.randomUUID().toString();
        String two = staff("MEDIUM", customer, Duration.ofHours(29)); // received 29 h after it occurred: both steps
        String one = staff("MEDIUM", customer, Duration.ofHours(25)); // the first step only
        Map<String, Object> plain = Fixtures.complaint(); // DELIVERY: no step
        plain.put("customerId", customer);
        String none = Fixtures.create(plain);
        created.add(none);
        scanner.scan();

        assertEquals(List.of(none, one, two), ids(given().queryParam("customerId", customer)),
                "newest first by default");
        assertEquals(List.of(two, one, none), ids(given().queryParam("customerId", customer)
                .queryParam("sort", "-escalationLevel")));
        assertEquals(List.of(two, one), ids(given().queryParam("customerId", customer)
                .queryParam("minEscalationLevel", 1).queryParam("sort", "-escalationLevel")));
        assertEquals(List.of(two), ids(given().queryParam("customerId", customer).queryParam("minEscalationLevel", 2)));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = given().queryParam("customerId", customer)
                    .queryParam("sort", "-escalationLevel").queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/complaints").then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null && paged.size() < 10);
        assertEquals(List.of(two, one, none), paged, "pages of one follow the same order");

        List<Map<String, Object>> worklist = given().queryParam("minEscalationLevel", 2).get("/complaints/worklist")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertTrue(worklist.stream().anyMatch(c -> two.equals(c.get("id"))));
        assertTrue(worklist.stream().allMatch(c -> (Integer) c.get("escalationLevel") >= 2));
        // the worklist's own order is by deadline; sort=-escalationLevel puts the most escalated first
        List<String> byLevel = given().queryParam("minEscalationLevel", 1).queryParam("sort", "-escalationLevel")
                .queryParam("limit", 500).get("/complaints/worklist").then().statusCode(200).extract().jsonPath()
                .getList("id");
        assertTrue(byLevel.indexOf(two) >= 0 && byLevel.indexOf(two) < byLevel.indexOf(one), byLevel.toString());
        List<Integer> levels = given().queryParam("sort", "-escalationLevel").queryParam("limit", 500)
                .get("/complaints/worklist").then().statusCode(200).extract().jsonPath().getList("escalationLevel");
        assertEquals(levels.stream().sorted(java.util.Comparator.reverseOrder()).toList(), levels);
        given().queryParam("sort", "-receivedAt").get("/complaints/worklist").then().statusCode(400)
                .contentType("application/problem+json").body("field", is("sort"));
        given().queryParam("onHold", "maybe").get("/complaints/worklist").then().statusCode(400)
                .contentType("application/problem+json").body("field", is("onHold"));

        // one team's worklist, worked out by hand: "one" breached 1 h ago at level 1, "two" breached 5 h ago at
        // level 2, "fresh" due in 24 h at level 0, "older" breached 6 h ago (DELIVERY: no step) at level 0
        String team = "team-" + UUID.randomUUID();
        Map<String, Object> delivery = Fixtures.complaint();
        delivery.put("occurredAt", clock.instant().minus(Duration.ofHours(30)).toString());
        String older = Fixtures.create(delivery);
        created.add(older);
        String fresh = staff("MEDIUM");
        scanner.scan();
        for (String id : List.of(one, two, fresh, older)) {
            act(id, "assign", Map.of("agent", "bo", "team", team)).then().statusCode(200);
        }
        assertEquals(List.of(older, two, one, fresh), given().queryParam("team", team).get("/complaints/worklist")
                .then().statusCode(200).extract().jsonPath().getList("id"), "nearest (most overdue) deadline first");
        assertEquals(List.of(older, two, one, fresh), given().queryParam("team", team).queryParam("sort", "dueAt")
                .get("/complaints/worklist").then().statusCode(200).extract().jsonPath().getList("id"));
        assertEquals(List.of(two, one, older, fresh), given().queryParam("team", team)
                .queryParam("sort", "-escalationLevel").get("/complaints/worklist").then().statusCode(200).extract()
                .jsonPath().getList("id"), "by level, then by deadline within a level");
        assertEquals(List.of(two, one), given().queryParam("team", team).queryParam("minEscalationLevel", 1)
                .get("/complaints/worklist").then().statusCode(200).extract().jsonPath().getList("id"));

        for (String bad : List.of("abc", "-1", "1001", "1.5")) {
            given().queryParam("minEscalationLevel", bad).get("/complaints").then().statusCode(400)
                    .contentType("application/problem+json").body("field", is("minEscalationLevel"));
            given().queryParam("minEscalationLevel", bad).get("/complaints/worklist").then().statusCode(400)
                    .contentType("application/problem+json").body("field", is("minEscalationLevel"));
        }
        for (String bad : List.of("escalationLevel", "+escalationLevel", "-severity")) {
            given().queryParam("sort", bad).get("/complaints").then().statusCode(400)
                    .contentType("application/problem+json").body("field", is("sort"));
        }
        String newestCursor = given().queryParam("customerId", customer).queryParam("limit", 1).get("/complaints")
                .then().statusCode(200).extract().path("nextCursor");
        given().queryParam("sort", "-escalationLevel").queryParam("cursor", newestCursor).get("/complaints").then()
                .statusCode(400).contentType("application/problem+json").body("field", is("cursor"));
    }

    // --- helpers ---

    private String staff(String severity) {
        return staff(severity, UUID.randomUUID().toString(), null);
    }

    /** A STAFF complaint; {@code ago}: how long before its receipt the customer complained (the clock's start). */
    private String staff(String severity, String customerId, Duration ago) {
        Map<String, Object> body = Fixtures.complaint();
        body.put("category", "STAFF");
        body.put("severity", severity);
        body.put("customerId", customerId);
        if (ago != null) {
            body.put("occurredAt", clock.instant().minus(ago).toString());
        }
        String id = Fixtures.create(body);
        created.add(id);
        return id;
    }

    /** A SERVICE complaint, HIGH. */
    private String service() {
        Map<String, Object> body = Fixtures.complaint();
        body.put("category", "SERVICE");
        String id = Fixtures.create(body);
        created.add(id);
        return id;
    }

    /** Both replicas scan three times at once, then in turn (a lost race leaves its complaint to the next scan). */
    private static int race(List<SlaScanner> replicas) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(replicas.size());
        List<Future<Integer>> runs = new ArrayList<>();
        for (SlaScanner replica : replicas) {
            runs.add(threads.submit(() -> {
                start.await();
                int recorded = 0;
                for (int scan = 0; scan < 3; scan++) {
                    recorded += replica.scan().escalations();
                }
                return recorded;
            }));
        }
        start.countDown();
        int recorded = 0;
        for (Future<Integer> run : runs) {
            recorded += run.get(); // get(): a scan that threw fails the test
        }
        threads.shutdown();
        for (int scan = 0; scan < 3; scan++) {
            recorded += replicas.get(scan % 2).scan().escalations();
        }
        return recorded;
    }

    private double escalations(String step) {
        var counter = registry.find("crm.complaints.escalations").tag("step", step).counter();
        return counter == null ? 0 : counter.count();
    }

    private static JsonPath view(String id) {
        return given().get("/complaints/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static List<String> ids(RequestSpecification request) {
        return request.get("/complaints").then().statusCode(200).extract().jsonPath().getList("items.id");
    }

    private static Instant instant(JsonPath json, String path) {
        return Instant.parse(json.getString(path));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> map) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(map);
        copy.values().removeIf(java.util.Objects::isNull);
        return copy;
    }

    /** A timeline entry without its {@code agent} (null for the service's own entries). */
    private static Map<String, Object> withoutAgent(Map<String, Object> entry) {
        assertNull(entry.get("agent"));
        return withoutNulls(entry);
    }

    /** The complaint's events as they reached Kafka, once the relay has sent them all. */
    private static List<JsonNode> events(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Complaint.<Complaint>findById(id).pendingSince == null);
        try (EventLog log = Fixtures.complaintEvents()) {
            List<JsonNode> events = new ArrayList<>();
            for (ConsumerRecord<String, String> r : log.readToEnd(r -> id.equals(r.key()))) {
                try {
                    events.add(JSON.readTree(r.value()));
                } catch (JsonProcessingException e) {
                    throw new AssertionError(r.value(), e);
                }
            }
            return events;
        }
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asText()).toList();
    }
}
