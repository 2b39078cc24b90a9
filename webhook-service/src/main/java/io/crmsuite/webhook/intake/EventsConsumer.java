package io.crmsuite.webhook.intake;

import java.util.regex.Pattern;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.crmsuite.events.CloudEvent;
import io.crmsuite.platform.consumer.InvalidEventException;
import io.crmsuite.platform.consumer.UntilApplied;
import io.crmsuite.platform.events.EventFactory;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads {@code complaint.events} and {@code customer.events} (read committed, offsets committed after the event's
 * deliveries are stored) and hands each event to {@link EventIntake}. A failure of the store is waited out
 * ({@link UntilApplied}: the partition waits, readiness is DOWN); only an event that cannot be read goes to
 * {@code webhook-service.dead-letter}, with the reason in its headers (see application.properties).
 */
@ApplicationScoped
public class EventsConsumer {

    public static final String CHANNEL = "webhook-events";
    static final String NAME = "webhook-service events consumer";
    /** The id becomes the webhook-id, which is signed as {@code id.timestamp.body}: no dots, nothing unprintable. */
    private static final Pattern WEBHOOK_ID = Pattern.compile("^[A-Za-z0-9_\\-]{1,200}$");

    private final EventFactory events;
    private final UntilApplied untilApplied;
    private final EventIntake intake;

    EventsConsumer(EventFactory events, UntilApplied untilApplied, EventIntake intake) {
        this.events = events;
        this.untilApplied = untilApplied;
        this.intake = intake;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(String message) {
        IncomingEvent event = read(message);
        untilApplied.run(NAME, () -> intake.take(event));
    }

    IncomingEvent read(String message) {
        if (message == null) {
            throw new InvalidEventException("an empty message (a tombstone) is no event");
        }
        CloudEvent event;
        try {
            event = events.parse(message);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a CloudEvent: " + e.getOriginalMessage(), e);
        }
        if (!WEBHOOK_ID.matcher(event.id()).matches()) {
            throw new InvalidEventException("event id '" + event.id() + "' cannot be a webhook-id (letters, digits, "
                    + "- and _ only, up to 200)");
        }
        if (event.type().isBlank() || event.subject().isBlank()) {
            throw new InvalidEventException("event " + event.id() + " has no type or no subject");
        }
        if (event.data() == null || !event.data().isObject()) {
            throw new InvalidEventException("event " + event.id() + " has no data object");
        }
        JsonNode data = event.data();
        return new IncomingEvent(event.id(), event.type(), event.subject(), event.time(), text(data, "source"),
                text(data, "category"), text(data, "severity"), message);
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
