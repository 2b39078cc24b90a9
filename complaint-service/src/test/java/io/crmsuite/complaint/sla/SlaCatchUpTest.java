package io.crmsuite.complaint.sla;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.crmsuite.complaint.Fixtures;
import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.events.EventTypes;
import io.crmsuite.infra.testkit.EventLog;
import io.crmsuite.infra.testkit.TestClock;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A deadline nobody scanned in time (the scanner was down, or behind): the action that comes after it records
 * the warning and the breach first, at their own moments, once. The scheduled scan is paused so that only the
 * action can record them.
 */
@QuarkusTest
class SlaCatchUpTest {

    @Inject
    Scheduler scheduler;

    @BeforeEach
    void nobodyScans() {
        scheduler.pause();
    }

    @AfterEach
    void resumeAndResetClock() {
        TestClock.CLOCK.reset();
        scheduler.resume();
    }

    @Test
    void resolvingAfterAnUnseenDeadlineRecordsTheBreachFirstAndMissesTheTarget() {
        String id = Fixtures.create();
        TestClock.CLOCK.advance(Duration.ofHours(25));
        var resolved = Fixtures.act(id, "resolve", Map.of("resolutionCode", "REPLACED")).then().statusCode(200)
                .body("sla.status", is("MISSED")).body("resolution.met", is(false)).extract();
        assertEquals((String) resolved.path("sla.dueAt"), resolved.path("sla.breachedAt"), "breached at the deadline");
        assertEquals(List.of(EventTypes.COMPLAINT_RECEIVED, EventTypes.COMPLAINT_SLA_WARNING,
                EventTypes.COMPLAINT_SLA_BREACHED, EventTypes.COMPLAINT_RESOLVED), eventTypes(id));
    }

    @Test
    void holdingAfterAnUnseenDeadlineRecordsTheBreachBeforeTheClockPauses() {
        String id = Fixtures.create();
        TestClock.CLOCK.advance(Duration.ofHours(25));
        var held = Fixtures.act(id, "hold", Map.of("reason", "waiting for photos")).then().statusCode(200)
                .body("sla.status", is("BREACHED")).body("sla.onHold", is(true)).extract();
        assertEquals((String) held.path("sla.dueAt"), held.path("sla.breachedAt"));
        Fixtures.act(id, "resume", Map.of()).then().statusCode(200).body("sla.status", is("BREACHED"));
        assertEquals(List.of(EventTypes.COMPLAINT_RECEIVED, EventTypes.COMPLAINT_SLA_WARNING,
                EventTypes.COMPLAINT_SLA_BREACHED, EventTypes.COMPLAINT_HELD, EventTypes.COMPLAINT_RESUMED),
                eventTypes(id));
    }

    @Test
    void aNoteAfterTheWarningPointRecordsTheWarningOnly() {
        String id = Fixtures.create();
        TestClock.CLOCK.advance(Duration.ofHours(20)); // past 80% of 24 h, before the deadline
        Fixtures.act(id, "notes", Map.of("text", "still looking")).then().statusCode(200)
                .body("sla.status", is("AT_RISK")).body("sla.breachedAt", is((Object) null));
        assertEquals(List.of(EventTypes.COMPLAINT_RECEIVED, EventTypes.COMPLAINT_SLA_WARNING), eventTypes(id));
    }

    /** The complaint's events as they reached Kafka, once the relay has sent them all. */
    private static List<String> eventTypes(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Complaint.<Complaint>findById(id).pendingSince == null);
        try (EventLog log = Fixtures.complaintEvents()) {
            return log.readToEnd(r -> id.equals(r.key())).stream().map(Fixtures::typeOf).toList();
        }
    }
}
