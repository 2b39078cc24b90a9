package io.crmsuite.customer;

import static io.crmsuite.customer.Fixtures.createId;
import static io.crmsuite.customer.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.crmsuite.customer.outbox.OutboxRelay;
import io.crmsuite.events.EventTypes;
import io.crmsuite.infra.KafkaControl;
import io.crmsuite.infra.testkit.EventLog;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** GDPR erasure and the outbox: no sent event keeps an erased customer's personal data, and no event is lost. */
@QuarkusTest
class ErasureTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    @Inject
    OutboxRelay relay;

    @Test
    void erasureDeletesTheSentEventsThatHoldThePersonalData() {
        String name = unique("Forget Me");
        String id = createId(name);
        OutboxRows.awaitRelayed(em, List.of(id), Duration.ofSeconds(20));
        assertTrue(OutboxRows.of(em, id).stream().anyMatch(r -> holdsPersonalData(r, name)),
                "the sent registration holds the name and e-mail: what the erasure must delete");

        given().delete("/customers/" + id).then().statusCode(204);

        // right after the erasure's commit, before any purge ran
        List<OutboxRows.Row> left = OutboxRows.of(em, id);
        assertEquals(List.of(), left.stream().filter(r -> r.sent() && holdsPersonalData(r, name)).toList());
        try (EventLog log = Fixtures.customerEvents()) {
            log.await(r -> id.equals(r.key()) && isType(r, EventTypes.CUSTOMER_ERASED), 1, Duration.ofSeconds(20));
        }
    }

    /**
     * Kafka is down, so the registration and the erasure are both unsent when the erasure commits: they must stay
     * for the relay (consumers need both), and the purge deletes them once they are sent.
     */
    @Test
    void eventsUnsentAtTheErasureAreRelayedThenPurged() {
        String name = unique("Forget Me Later");
        String id;
        KafkaControl.stopKafka();
        try {
            id = createId(name);
            given().delete("/customers/" + id).then().statusCode(204);
            List<OutboxRows.Row> waiting = OutboxRows.of(em, id);
            assertEquals(2, waiting.size(), "registration and erasure, both kept");
            assertFalse(waiting.get(0).sent() || waiting.get(1).sent(), "nothing was sent while Kafka was down");
        } finally {
            KafkaControl.startKafka();
        }
        try (EventLog log = Fixtures.customerEvents()) {
            List<ConsumerRecord<String, String>> published = log.awaitKey(id, 2, Duration.ofSeconds(60));
            assertEquals(List.of(EventTypes.CUSTOMER_REGISTERED, EventTypes.CUSTOMER_ERASED),
                    published.stream().map(ErasureTest::typeOf).toList());
        }
        OutboxRows.awaitRelayed(em, List.of(id), Duration.ofSeconds(30));

        relay.purgeSent();

        assertEquals(List.of(), OutboxRows.of(em, id), "the purge deletes the sent events of an erased customer");
    }

    @Test
    void thePurgeKeepsTheRecentEventsOfACustomerNotErased() {
        String id = createId(unique("Keep Me"));
        OutboxRows.awaitRelayed(em, List.of(id), Duration.ofSeconds(20));
        relay.purgeSent();
        assertEquals(1, OutboxRows.of(em, id).size(), "sent events are kept a week for inspection");
    }

    private static boolean holdsPersonalData(OutboxRows.Row row, String name) {
        return row.payload().contains(name) || row.payload().contains(Fixtures.emailOf(name));
    }

    private static boolean isType(ConsumerRecord<String, String> record, String type) {
        return type.equals(typeOf(record));
    }

    private static String typeOf(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).get("type").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("not a CloudEvent: " + record.value(), e);
        }
    }
}
