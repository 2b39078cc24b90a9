package io.crmsuite.customer;

import static io.crmsuite.customer.Fixtures.createId;
import static io.crmsuite.customer.Fixtures.purchase;
import static io.crmsuite.customer.Fixtures.unique;
import static io.crmsuite.infra.testkit.EventLog.withKey;
import static io.restassured.RestAssured.given;
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

import io.crmsuite.events.EventTypes;
import io.crmsuite.infra.KafkaControl;
import io.crmsuite.infra.testkit.EventLog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

@QuarkusTest
class EventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    @Test
    void everyChangeIsPublishedKeyedByCustomerInVersionOrderAndMatchesItsSchema() throws Exception {
        String id = createId(unique("Evented"));
        given().contentType("application/merge-patch+json").header("If-Match", "\"1\"").body("{\"region\":\"east\"}")
                .patch("/customers/" + id).then().statusCode(200);
        purchase(id, 42).then().statusCode(201); // purchase.recorded + lifecycle-changed (PROSPECT -> FIRST_TIME)
        given().delete("/customers/" + id).then().statusCode(204);

        OutboxRows.awaitRelayed(em, List.of(id), Duration.ofSeconds(20));
        try (EventLog log = Fixtures.customerEvents()) {
            List<ConsumerRecord<String, String>> records = log.awaitExactly(withKey(id), 5, Duration.ofSeconds(20),
                    Duration.ZERO);
            List<JsonNode> events = new ArrayList<>();
            for (ConsumerRecord<String, String> r : records) {
                events.add(JSON.readTree(r.value()));
                assertThat(r.value(), matchesJsonSchemaInClasspath("schemas/cloudevent.v1.json"));
            }
            assertEquals(List.of(EventTypes.CUSTOMER_REGISTERED, EventTypes.CUSTOMER_UPDATED,
                    EventTypes.PURCHASE_RECORDED, EventTypes.CUSTOMER_LIFECYCLE_CHANGED, EventTypes.CUSTOMER_ERASED),
                    events.stream().map(e -> e.get("type").asText()).toList());
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), events.stream().map(e -> e.get("aggregateversion").asLong()).toList());
            for (JsonNode e : events) {
                assertEquals(id, e.get("subject").asText());
                assertThat(e.get("data").toString(), matchesJsonSchemaInClasspath(EventTypes.schemaResource(e.get("type").asText())));
            }
            assertEquals(List.of("region"), JSON.convertValue(events.get(1).get("data").get("changedFields"), List.class));
            assertEquals("FIRST_TIME", events.get(3).get("data").get("to").asText());
        }
    }

    @Test
    void tierChangesArePublishedWithFromAndTo() throws Exception {
        String id = createId(unique("Climber"));
        purchase(id, 1_000_000).then().statusCode(201);
        given().post("/customers/tiers/recompute").then().statusCode(200);
        OutboxRows.awaitRelayed(em, List.of(id), Duration.ofSeconds(20));
        try (EventLog log = Fixtures.customerEvents()) {
            List<ConsumerRecord<String, String>> records = log.awaitExactly(r -> id.equals(r.key())
                    && r.value().contains(EventTypes.CUSTOMER_TIER_CHANGED), 1, Duration.ofSeconds(20), Duration.ZERO);
            JsonNode data = JSON.readTree(records.get(0).value()).get("data");
            assertEquals("LEAD", data.get("from").asText());
            assertEquals("PLATINUM", data.get("to").asText());
            assertEquals("UPGRADE", data.get("direction").asText());
            assertThat(data.toString(), matchesJsonSchemaInClasspath("schemas/customer.tier-changed.v1.json"));
        }
    }

    @Test
    void changesMadeWhileKafkaIsDownArePublishedOnceItIsBack() throws Exception {
        List<String> ids = new ArrayList<>();
        KafkaControl.stopKafka();
        try {
            for (int i = 0; i < 5; i++) {
                // the API keeps answering: the events wait in the outbox
                ids.add(given().contentType(ContentType.JSON).body(Fixtures.customer(unique("Outage " + i)))
                        .post("/customers").then().statusCode(201).extract().path("id"));
            }
        } finally {
            KafkaControl.startKafka();
        }
        Set<String> keys = Set.copyOf(ids);
        // once every row is marked sent the relay never sends it again: all it published is on the topic
        OutboxRows.awaitRelayed(em, keys, Duration.ofSeconds(60));
        try (EventLog log = Fixtures.customerEvents()) {
            List<ConsumerRecord<String, String>> arrived = log.awaitExactly(r -> keys.contains(r.key()), 5,
                    Duration.ofSeconds(30), Duration.ZERO);
            Map<String, Long> perCustomer = arrived.stream()
                    .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
            assertEquals(keys.stream().collect(Collectors.toMap(k -> k, k -> 1L)), perCustomer,
                    "each registration arrives once, none twice");
        }
    }
}
