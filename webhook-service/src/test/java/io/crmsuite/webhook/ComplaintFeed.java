package io.crmsuite.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.crmsuite.events.CloudEvent;
import io.crmsuite.events.ComplaintEventData;
import io.crmsuite.events.CustomerEventData;
import io.crmsuite.events.EventTypes;
import io.crmsuite.events.Topics;
import io.crmsuite.infra.testkit.TestClock;

/**
 * Events as complaint-service and customer-service publish them (structured CloudEvents, keyed by the aggregate,
 * with their content-type header), put on the real topics. The event time is the test clock's, as the producers'
 * would be.
 */
public final class ComplaintFeed implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final RecordHeader CONTENT_TYPE = new RecordHeader("content-type",
            "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));

    /** One published event: its id (the webhook-id it is delivered with) and the message value as published. */
    public record Published(String id, String complaintId, long version, String type, String value) {
    }

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
            bootstrap(), "acks", "all"), new StringSerializer(), new StringSerializer());

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** A complaint event of {@code type} at {@code version}, from the posting system {@code source}. */
    public Published complaint(String complaintId, long version, String type, String source, String category,
            String severity) {
        Published event = complaintEvent(complaintId, version, type, source, category, severity);
        send(Topics.COMPLAINT_EVENTS, complaintId, event.value());
        return event;
    }

    public Published complaint(String complaintId, long version, String type, String source) {
        return complaint(complaintId, version, type, source, "DELIVERY", "HIGH");
    }

    /** The event {@link #complaint} publishes, not sent yet (see {@link #sendTogether}). */
    public Published complaintEvent(String complaintId, long version, String type, String source) {
        return complaintEvent(complaintId, version, type, source, "DELIVERY", "HIGH");
    }

    private Published complaintEvent(String complaintId, long version, String type, String source, String category,
            String severity) {
        Instant now = TestClock.CLOCK.instant();
        ComplaintEventData data = new ComplaintEventData(UUID.fromString(complaintId), null, "UNMATCHED", null, "PHONE",
                category, severity, source, "RECEIVED", now, source, now,
                new ComplaintEventData.Sla(1, "default", 1, 86400, now, now.plusSeconds(86400), "ON_TRACK", 0, 0),
                null, null, null, null, null);
        return event(complaintId, version, type, data);
    }

    public Published customerRegistered(String customerId) {
        return publish(Topics.CUSTOMER_EVENTS, customerId, 1, EventTypes.CUSTOMER_REGISTERED,
                new CustomerEventData.Profile(UUID.fromString(customerId), "END_CUSTOMER", "Ana Lima", "south", "retail",
                        "rep", null, List.of("ana@example.com"), List.of(), List.of(), "LEAD", "PROSPECT",
                        TestClock.CLOCK.instant(), List.of()));
    }

    public Published publish(String topic, String key, long version, String type, Object data) {
        Published event = event(key, version, type, data);
        send(topic, key, event.value());
        return event;
    }

    private static Published event(String key, long version, String type, Object data) {
        CloudEvent event = CloudEvent.of("urn:crmsuite:test", type, key, version, TestClock.CLOCK.instant(),
                JSON.valueToTree(data));
        try {
            return new Published(event.id(), key, version, type, JSON.writeValueAsString(event));
        } catch (Exception e) {
            throw new IllegalStateException("could not write " + type, e);
        }
    }

    /** Puts {@code value} on the topic as it is (a redelivery, an unreadable message). */
    public void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, List.of(CONTENT_TYPE))).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /**
     * Puts {@code values} on the topic under {@code key} in one Kafka transaction: a read-committed consumer sees
     * none of them until the commit, then all at once, so they reach it in one poll.
     */
    public void sendTogether(String topic, String key, List<String> values) {
        try (KafkaProducer<String, String> together = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap(),
                "transactional.id", "webhook-test-" + UUID.randomUUID()), new StringSerializer(),
                new StringSerializer())) {
            together.initTransactions();
            together.beginTransaction();
            for (String value : values) {
                together.send(new ProducerRecord<>(topic, null, key, value, List.of(CONTENT_TYPE)));
            }
            together.commitTransaction();
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
