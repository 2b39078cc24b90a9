package io.crmsuite.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode: the whole record is the Kafka message value.
 *
 * @param aggregateversion extension attribute: the version of the aggregate after this change (1, 2, 3...),
 *                         so consumers apply each event once and in order and skip redeliveries
 */
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        String dataschema,
        long aggregateversion,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
    }

    /** A new event about the aggregate {@code subject} at version {@code version}. */
    public static CloudEvent of(String source, String type, String subject, long version, Instant time, JsonNode data) {
        return new CloudEvent(SPEC_VERSION, UUID.randomUUID().toString(), source, type, subject, time, CONTENT_TYPE,
                EventTypes.schemaOf(type), version, data);
    }
}
