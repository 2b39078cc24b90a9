package io.crmsuite.webhook.subscription;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crmsuite.events.EventTypes;

/**
 * What a subscription may ask for, from event-contracts alone: the event types the suite publishes, and the values
 * the complaint events carry in {@code category} and {@code severity} (read from the JSON Schema, so a value added
 * there is accepted here without a second list to keep in step).
 */
public final class EventCatalog {

    /** Every event type that can be delivered, customer and complaint events alike. */
    public static final List<String> TYPES = Stream.concat(EventTypes.CUSTOMER_TYPES.stream(),
            EventTypes.COMPLAINT_TYPES.stream()).toList();

    public static final List<String> CATEGORIES = complaintEnum("category");
    public static final List<String> SEVERITIES = complaintEnum("severity");

    private EventCatalog() {
    }

    private static List<String> complaintEnum(String property) {
        String resource = EventTypes.schemaResource(EventTypes.COMPLAINT_RECEIVED);
        try (InputStream in = EventTypes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("event-contracts has no " + resource);
            }
            JsonNode values = new ObjectMapper().readTree(in).path("properties").path(property).path("enum");
            List<String> list = new ArrayList<>();
            values.forEach(v -> list.add(v.asText()));
            if (list.isEmpty()) {
                throw new IllegalStateException(resource + " lists no values of " + property);
            }
            return List.copyOf(list);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
