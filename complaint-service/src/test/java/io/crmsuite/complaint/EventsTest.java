package io.crmsuite.complaint;

import static io.crmsuite.complaint.Fixtures.act;
import static io.crmsuite.complaint.Fixtures.create;
import static io.restassured.module.jsv.JsonSchemaValidator.matchesJsonSchemaInClasspath;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.events.EventTypes;
import io.crmsuite.infra.KafkaControl;
import io.crmsuite.infra.testkit.EventLog;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRelayedComplaintKeepsNoWaitingEvents() {
        String id = create();
        act(id, "acknowledge", Map.of()).then().statusCode(200);
        try (EventLog log = Fixtures.complaintEvents()) {
            log.awaitKey(id, 2, Duration.ofSeconds(20));
        }
        // once sent, the events leave the document and it is no longer marked as waiting (the sweep skips it)
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Complaint stored = Complaint.findById(id);
            assertEquals(List.of(), stored.pendingEvents);
            assertEquals(null, stored.pendingSince);
        });
    }

    @Test
    void everyActionIsPublishedInVersionOrderKeyedByComplaintAndMatchesItsSchema() throws Exception {
        String id = create();
        act(id, "acknowledge", Map.of()).then().statusCode(200);
        act(id, "assign", Map.of("agent", "ana", "team", "logistics")).then().statusCode(200);
        act(id, "hold", Map.of("reason", "photos")).then().statusCode(200);
        act(id, "resume", Map.of()).then().statusCode(200);
        act(id, "resolve", Map.of("resolutionCode", "REPLACED", "compensation", Map.of("kind", "VOUCHER", "amount", 20)))
                .then().statusCode(200);
        act(id, "satisfaction", Map.of("score", 5, "wouldBuyAgain", true)).then().statusCode(200);
        act(id, "close", Map.of()).then().statusCode(200);
        act(id, "reopen", Map.of("reason", "broke again")).then().statusCode(200);

        try (EventLog log = Fixtures.complaintEvents()) {
            List<ConsumerRecord<String, String>> records = log.awaitKey(id, 9, Duration.ofSeconds(20));
            List<JsonNode> events = new ArrayList<>();
            for (ConsumerRecord<String, String> r : records) {
                JsonNode e = JSON.readTree(r.value());
                events.add(e);
                assertThat(r.value(), matchesJsonSchemaInClasspath("schemas/cloudevent.v1.json"));
                assertThat(e.get("data").toString(), matchesJsonSchemaInClasspath(EventTypes.schemaResource(e.get("type").asText())));
            }
            assertEquals(List.of(EventTypes.COMPLAINT_RECEIVED, EventTypes.COMPLAINT_ACKNOWLEDGED,
                    EventTypes.COMPLAINT_ASSIGNED, EventTypes.COMPLAINT_HELD, EventTypes.COMPLAINT_RESUMED,
                    EventTypes.COMPLAINT_RESOLVED, EventTypes.COMPLAINT_SATISFACTION_RECORDED,
                    EventTypes.COMPLAINT_CLOSED, EventTypes.COMPLAINT_REOPENED),
                    events.stream().map(e -> e.get("type").asText()).toList());
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L),
                    events.stream().map(e -> e.get("aggregateversion").asLong()).toList());
            JsonNode resolved = events.get(5).get("data");
            assertEquals(true, resolved.get("resolution").get("met").asBoolean());
            assertEquals("MET", resolved.get("sla").get("status").asText());
            assertEquals(2, events.get(8).get("data").get("sla").get("cycle").asInt());
        }
    }

    @Test
    void complaintsTakenInWhileKafkaIsDownArePublishedOnceItIsBack() throws Exception {
        List<String> ids = new ArrayList<>();
        KafkaControl.stopKafka();
        try {
            for (int i = 0; i < 5; i++) {
                ids.add(create()); // intake keeps answering 201: the event waits in the complaint document
            }
        } finally {
            KafkaControl.startKafka();
        }
        Set<String> keys = Set.copyOf(ids);
        try (EventLog log = Fixtures.complaintEvents()) {
            log.await(r -> keys.contains(r.key()), 5, Duration.ofSeconds(60));
            List<ConsumerRecord<String, String>> arrived = log.settle(r -> keys.contains(r.key()), Duration.ofSeconds(2));
            assertEquals(keys, arrived.stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
            assertEquals(5, arrived.size(), "each complaint.received exactly once");
        }
    }
}
