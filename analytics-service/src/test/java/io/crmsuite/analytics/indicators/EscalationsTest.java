package io.crmsuite.analytics.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.crmsuite.analytics.export.ComplaintExport;
import io.crmsuite.analytics.ingest.BatchApplier;
import io.crmsuite.analytics.ingest.SourceEvent;
import io.crmsuite.analytics.store.Generation;
import io.crmsuite.analytics.store.Generations;
import io.crmsuite.events.CloudEvent;
import io.crmsuite.events.ComplaintEventData;
import io.crmsuite.events.EventTypes;
import io.crmsuite.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * {@code complaint.escalated} is applied, not dead-lettered: each step counts once in {@code escalations} on the
 * day of its moment, under the dimensions as after the step (a raised severity counts under the new one), and the
 * export shows each complaint's level as its last event says.
 *
 * <pre>
 * A STAFF HIGH  received 03-01 08:00, breached 03-02 08:00; step "supervisor" at 03-02 08:00 (level 1, HIGH to
 *               CRITICAL), "care-manager" at 03-02 12:00 (level 2, CRITICAL stays)
 * B STAFF HIGH  received 03-01 09:00, breached 03-02 09:00; step "supervisor" at 03-02 09:00 (level 1, to
 *               CRITICAL); resolved 03-02 10:00 (25 h, missed), reopened 03-02 11:00: level 0 again
 * </pre>
 */
@QuarkusTest
class EscalationsTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Inject
    BatchApplier applier;
    @Inject
    Generations generations;
    @Inject
    ComplaintIndicators indicators;
    @Inject
    ComplaintExport export;

    private Generation g;
    private final List<SourceEvent> events = new ArrayList<>();
    private final Map<String, Integer> versions = new java.util.HashMap<>();

    @BeforeEach
    void scratchGeneration() {
        g = generations.generation(3900 + (int) (Math.random() * 1000));
        g.drop();
        g.createIndexes();
    }

    @AfterEach
    void dropScratch() {
        g.drop();
    }

    @Test
    void eachStepCountsOnceOnTheDayOfItsMomentUnderTheRaisedSeverity() {
        String a = UUID.randomUUID().toString();
        event(a, EventTypes.COMPLAINT_RECEIVED, at("01 08:00"), at("01 08:00"), "HIGH", "RECEIVED", "ON_TRACK", 0,
                null);
        event(a, EventTypes.COMPLAINT_SLA_BREACHED, at("01 08:00"), at("02 08:00"), "HIGH", "RECEIVED", "BREACHED", 0,
                null);
        event(a, EventTypes.COMPLAINT_ESCALATED, at("01 08:00"), at("02 08:00"), "CRITICAL", "RECEIVED", "BREACHED", 1,
                step("supervisor", 1, "HIGH", "CRITICAL", at("02 08:00")));
        event(a, EventTypes.COMPLAINT_ESCALATED, at("01 08:00"), at("02 12:00"), "CRITICAL", "RECEIVED", "BREACHED", 2,
                step("care-manager", 2, "CRITICAL", "CRITICAL", at("02 12:00")));
        String b = UUID.randomUUID().toString();
        event(b, EventTypes.COMPLAINT_RECEIVED, at("01 09:00"), at("01 09:00"), "HIGH", "RECEIVED", "ON_TRACK", 0,
                null);
        event(b, EventTypes.COMPLAINT_SLA_BREACHED, at("01 09:00"), at("02 09:00"), "HIGH", "RECEIVED", "BREACHED", 0,
                null);
        event(b, EventTypes.COMPLAINT_ESCALATED, at("01 09:00"), at("02 09:00"), "CRITICAL", "RECEIVED", "BREACHED", 1,
                step("supervisor", 1, "HIGH", "CRITICAL", at("02 09:00")));
        event(b, EventTypes.COMPLAINT_RESOLVED, at("01 09:00"), at("02 10:00"), "CRITICAL", "RESOLVED", "MISSED", 1,
                null);
        event(b, EventTypes.COMPLAINT_REOPENED, at("02 11:00"), at("02 11:00"), "CRITICAL", "IN_PROGRESS", "ON_TRACK",
                0, null);

        for (int i = 0; i < events.size(); i += 3) {
            assertEquals(List.of(), applier.apply(g, events.subList(i, Math.min(i + 3, events.size()))).invalid(),
                    "nothing dead-lettered");
        }
        applier.apply(g, events); // a redelivery of everything: nothing counts twice

        Range range = new Range(LocalDate.parse("2023-03-01"), LocalDate.parse("2023-03-03"));
        List<Map<String, Object>> days = indicators.sla(g, range, Period.DAY, null).rows();
        assertEquals(List.of(0L, 3L), days.stream().map(r -> r.get("escalations")).toList(), "03-01, 03-02");
        List<Map<String, Object>> bySeverity = indicators.sla(g, range, Period.DAY, "severity").rows();
        assertEquals(List.of("2023-03-01|HIGH|0", "2023-03-02|CRITICAL|3", "2023-03-02|HIGH|0"), bySeverity.stream()
                .map(r -> r.get("period") + "|" + r.get("severity") + "|" + r.get("escalations")).toList());

        Map<String, Object> levels = new java.util.HashMap<>();
        export.since(g, null, 100).rows()
                .forEach(r -> levels.put((String) r.get("complaintId"), r.get("escalationLevel")));
        assertEquals(Map.of(a, 2, b, 0), levels, "A escalated twice; B's reopen started a new cycle at level 0");
    }

    private static ComplaintEventData.Escalation step(String name, int level, String from, String to, Instant at) {
        return new ComplaintEventData.Escalation(name, level, "BREACHED", null, "supervisors", null, from, to, at);
    }

    private void event(String id, String type, Instant start, Instant at, String severity, String status, String clock,
            int level, ComplaintEventData.Escalation escalation) {
        int version = versions.merge(id, 1, Integer::sum);
        Instant received = events.stream().filter(e -> e.event().subject().equals(id)).findFirst()
                .map(e -> e.event().time()).orElse(at);
        int cycle = type.equals(EventTypes.COMPLAINT_REOPENED) ? 2 : 1;
        ComplaintEventData data = new ComplaintEventData(UUID.fromString(id), null, "UNMATCHED", null, "PHONE", "STAFF",
                severity, "callcenter", status, received, "sla-monitor", at,
                new ComplaintEventData.Sla(cycle, "default", 1, 86400, start, start.plus(Duration.ofHours(24)), clock,
                        0, 0),
                null, type.equals(EventTypes.COMPLAINT_RESOLVED)
                        ? new ComplaintEventData.Resolution("FIXED", null, null, null, 25 * 3600, false, null)
                        : null,
                null, null, null, level, escalation);
        events.add(new SourceEvent(Topics.COMPLAINT_EVENTS, 0, events.size() + 1,
                CloudEvent.of("urn:test", type, id, version, at, JSON.valueToTree(data))));
    }

    private static Instant at(String dayAndTime) {
        return Instant.parse("2023-03-" + dayAndTime.replace(' ', 'T') + ":00Z");
    }
}
