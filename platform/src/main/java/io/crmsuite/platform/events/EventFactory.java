package io.crmsuite.platform.events;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crmsuite.events.CloudEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

/** Wraps event data in the CloudEvents envelope, as the JSON that is stored and then relayed. */
@ApplicationScoped
@RegisterForReflection(targets = CloudEvent.class)
public class EventFactory {

    private final ObjectMapper mapper;
    private final String source;

    EventFactory(ObjectMapper mapper,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.application.name") String app) {
        this.mapper = mapper;
        this.source = "urn:crmsuite:" + app;
    }

    /** The envelope JSON of one event about {@code aggregateId} at {@code version}. */
    public String toJson(String type, Object aggregateId, long version, Instant time, Object data) {
        CloudEvent event = CloudEvent.of(source, type, aggregateId.toString(), version, time, mapper.valueToTree(data));
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + type, e);
        }
    }

    /** Reads an envelope; tolerant of attributes added by newer producers. */
    public CloudEvent parse(String json) throws JsonProcessingException {
        return mapper.readerFor(CloudEvent.class)
                .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(json);
    }
}
