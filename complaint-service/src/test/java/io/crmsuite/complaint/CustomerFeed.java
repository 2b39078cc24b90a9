package io.crmsuite.complaint;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.crmsuite.events.CloudEvent;
import io.crmsuite.events.CustomerEventData;
import io.crmsuite.events.EventTypes;
import io.crmsuite.events.Topics;

/** Customer events as customer-service publishes them, put on the real topic for complaint-service to consume. */
public final class CustomerFeed implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    /** The header customer-service's outbox relay sets, so the consumer meets what production sends. */
    private static final RecordHeader CONTENT_TYPE = new RecordHeader("content-type",
            "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(
            Map.of("bootstrap.servers", Fixtures.bootstrap()), new StringSerializer(), new StringSerializer());

    public void publish(String customerId, long version, String type, Object data) {
        CloudEvent event = CloudEvent.of("urn:test", type, customerId, version, Instant.now(), JSON.valueToTree(data));
        try {
            producer.send(new ProducerRecord<>(Topics.CUSTOMER_EVENTS, null, customerId,
                    JSON.writeValueAsString(event), List.of(CONTENT_TYPE))).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type, e);
        }
    }

    public void registered(String customerId, String email, String phone, String tier) {
        publish(customerId, 1, EventTypes.CUSTOMER_REGISTERED, profile(customerId, email, phone, tier));
    }

    public void erased(String customerId, long version) {
        publish(customerId, version, EventTypes.CUSTOMER_ERASED,
                new CustomerEventData.Erased(UUID.fromString(customerId), Instant.now()));
    }

    public static CustomerEventData.Profile profile(String id, String email, String phone, String tier) {
        return new CustomerEventData.Profile(UUID.fromString(id), "END_CUSTOMER", "Test", "south", "retail", "rep",
                null, email == null ? List.of() : List.of(email), phone == null ? List.of() : List.of(phone),
                List.of(), tier, "PROSPECT", Instant.now(), List.of());
    }

    @Override
    public void close() {
        producer.close();
    }
}
