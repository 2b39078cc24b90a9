package io.crmsuite.complaint;

import static io.crmsuite.complaint.Fixtures.complaint;
import static io.crmsuite.complaint.Fixtures.post;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.crmsuite.events.CloudEvent;
import io.crmsuite.events.CustomerEventData;
import io.crmsuite.events.EventTypes;
import io.crmsuite.events.Topics;
import io.crmsuite.infra.testkit.EventLog;
import io.quarkus.test.junit.QuarkusTest;

/** complaint-service as a consumer of customer.events, fed through the real topic. */
@QuarkusTest
class CustomerEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void connect() {
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", Fixtures.bootstrap()), new StringSerializer(),
                new StringSerializer());
    }

    @AfterAll
    static void disconnect() {
        producer.close();
    }

    @Test
    void aComplaintForAPlatinumCustomerGetsThePlatinumPolicy() throws Exception {
        String customerId = UUID.randomUUID().toString();
        publish(customerId, 1, EventTypes.CUSTOMER_REGISTERED, profile(customerId, "vip@example.com", "LEAD"));
        publish(customerId, 2, EventTypes.CUSTOMER_TIER_CHANGED, new CustomerEventData.TierChanged(
                UUID.fromString(customerId), "LEAD", "PLATINUM", "UPGRADE", "REVENUE", java.math.BigDecimal.TEN, Instant.now()));
        Map<String, Object> body = complaint();
        body.put("customerId", customerId);
        body.put("severity", "CRITICAL");
        awaitVersion(customerId, 2);
        post(withNewRef(body)).then().statusCode(201).body("customerTier", is("PLATINUM"))
                .body("sla.policy", is("platinum")).body("sla.target", is("PT2H")).body("customerMatch", is("MATCHED"));
    }

    @Test
    void complaintsTakenInBeforeTheCustomerExistedAreLinkedWhenItArrives() throws Exception {
        String customerId = UUID.randomUUID().toString();
        String email = "late." + customerId.substring(0, 8) + "@example.com";
        Map<String, Object> byContact = complaint();
        byContact.remove("customerId");
        byContact.put("contact", Map.of("email", email));
        String unmatched = post(byContact).then().statusCode(201).body("customerMatch", is("UNMATCHED")).extract().path("id");
        Map<String, Object> byId = complaint();
        byId.put("customerId", customerId);
        String unknown = post(byId).then().statusCode(201).body("customerMatch", is("UNKNOWN_CUSTOMER")).extract().path("id");

        publish(customerId, 1, EventTypes.CUSTOMER_REGISTERED, profile(customerId, email, "GOLD"));
        for (String id : List.of(unmatched, unknown)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/complaints/" + id).then()
                    .body("customerMatch", is("MATCHED")).body("customerId", is(customerId))
                    .body("customerTier", is("GOLD")));
        }
        given().get("/complaints/" + unmatched).then().body("timeline[-1].type", is("customer-linked"));
    }

    @Test
    void aDuplicateOrOlderCustomerEventIsSkipped() throws Exception {
        String customerId = UUID.randomUUID().toString();
        publish(customerId, 1, EventTypes.CUSTOMER_REGISTERED, profile(customerId, "a@example.com", "LEAD"));
        publish(customerId, 2, EventTypes.CUSTOMER_TIER_CHANGED, new CustomerEventData.TierChanged(
                UUID.fromString(customerId), "LEAD", "GOLD", "UPGRADE", "REVENUE", java.math.BigDecimal.TEN, Instant.now()));
        publish(customerId, 1, EventTypes.CUSTOMER_REGISTERED, profile(customerId, "a@example.com", "LEAD")); // redelivery
        // a marker after the redelivery: once it is applied, the redelivery (same partition, before it) was handled
        publish(customerId, 3, EventTypes.PURCHASE_RECORDED, new CustomerEventData.PurchaseRecorded(UUID.randomUUID(),
                UUID.fromString(customerId), java.math.BigDecimal.TEN, "EUR", null, Instant.now(), "web", "shoes",
                "south", "GOLD", 1));
        awaitVersion(customerId, 3);
        Map<String, Object> body = complaint();
        body.put("customerId", customerId);
        post(withNewRef(body)).then().statusCode(201).body("customerTier", is("GOLD"));
    }

    @Test
    void erasureRemovesTheContactDetailsOfTheCustomersComplaints() throws Exception {
        String customerId = UUID.randomUUID().toString();
        publish(customerId, 1, EventTypes.CUSTOMER_REGISTERED, profile(customerId, "gone@example.com", "LEAD"));
        Map<String, Object> body = complaint();
        body.put("customerId", customerId);
        awaitVersion(customerId, 1);
        String id = post(withNewRef(body)).then().statusCode(201).body("customerMatch", is("MATCHED")).extract()
                .path("id");
        given().get("/complaints/" + id).then().body("contact.phone", is("+5511987654321"));
        publish(customerId, 2, EventTypes.CUSTOMER_ERASED, new CustomerEventData.Erased(UUID.fromString(customerId), Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/complaints/" + id).then()
                .body("customerMatch", is("ERASED")).body("contact.phone", is((Object) null)));
        given().queryParam("customerId", customerId).get("/complaints").then()
                .body("items.id", org.hamcrest.Matchers.hasItem(id))
                .body("items.customerMatch", org.hamcrest.Matchers.everyItem(is("ERASED")));
    }

    @Test
    void anUnreadableEventGoesToTheDeadLetterTopicAndTheNextOneIsStillApplied() throws Exception {
        String key = UUID.randomUUID().toString();
        producer.send(new ProducerRecord<>(Topics.CUSTOMER_EVENTS, key, "{this is not an event")).get();
        String customerId = UUID.randomUUID().toString();
        publish(customerId, 1, EventTypes.CUSTOMER_REGISTERED, profile(customerId, "after@example.com", "IRON"));
        try (EventLog dlq = new EventLog(Fixtures.bootstrap(), Topics.COMPLAINT_DEAD_LETTER)) {
            var parked = dlq.awaitKey(key, 1, Duration.ofSeconds(30));
            assertEquals(1, parked.size());
            var reason = parked.get(0).headers().lastHeader("dead-letter-reason");
            org.junit.jupiter.api.Assertions.assertNotNull(reason, "the reason travels with the message");
            org.junit.jupiter.api.Assertions.assertFalse(new String(reason.value(), StandardCharsets.UTF_8).isBlank());
        }
        Map<String, Object> body = complaint();
        body.put("customerId", customerId);
        awaitVersion(customerId, 1);
        post(withNewRef(body)).then().statusCode(201).body("customerTier", is("IRON"));
    }

    /** Waits until this service has applied the customer's events up to {@code version}. */
    private static void awaitVersion(String customerId, long version) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            io.crmsuite.complaint.customers.KnownCustomer known = io.crmsuite.complaint.customers.KnownCustomer
                    .findById(customerId);
            return known != null && known.version >= version;
        });
    }

    private static Map<String, Object> withNewRef(Map<String, Object> body) {
        Map<String, Object> copy = new java.util.HashMap<>(body);
        copy.put("externalRef", "CC-" + UUID.randomUUID());
        return copy;
    }

    private static CustomerEventData.Profile profile(String id, String email, String tier) {
        return new CustomerEventData.Profile(UUID.fromString(id), "END_CUSTOMER", "Test", "south", "retail", "rep",
                null, List.of(email), List.of(), List.of(), tier, "PROSPECT", Instant.now(), List.of());
    }

    private static void publish(String customerId, long version, String type, Object data) throws Exception {
        CloudEvent event = CloudEvent.of("urn:test", type, customerId, version, Instant.now(), JSON.valueToTree(data));
        // with the header the customer-service outbox relay sets, so the consumer meets what production sends
        producer.send(new ProducerRecord<>(Topics.CUSTOMER_EVENTS, null, customerId, JSON.writeValueAsString(event),
                List.of(new org.apache.kafka.common.header.internals.RecordHeader("content-type",
                        "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8))))).get();
    }
}
