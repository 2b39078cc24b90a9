package io.crmsuite.webhook.intake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.crmsuite.events.CloudEvent;
import io.crmsuite.platform.consumer.InvalidEventException;
import io.crmsuite.platform.consumer.UntilApplied;
import io.crmsuite.platform.events.EventFactory;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads {@code complaint.events} and {@code customer.events} (read committed, offsets committed after the events'
 * deliveries are stored) a poll at a time, and hands the events of a poll to {@link EventIntake} together: one
 * transaction and one read of the subscriptions per poll instead of per event (a burst of intakes is read in polls
 * of hundreds). A failure of the store is waited out ({@link UntilApplied}: the partitions wait, readiness is DOWN);
 * only an event that cannot be read goes to {@code webhook-service.dead-letter}, with the reason in its headers,
 * alone: the readable events of its poll are taken in (see application.properties).
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
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> poll) {
        List<IncomingEvent> readable = new ArrayList<>();
        Map<KafkaRecord<String, String>, InvalidEventException> unreadable = new LinkedHashMap<>();
        for (KafkaRecord<String, String> record : poll) {
            try {
                readable.add(read(record.getPayload()));
            } catch (InvalidEventException e) {
                unreadable.put(record, e);
            }
        }
        if (!readable.isEmpty()) {
            try {
                untilApplied.run(NAME, () -> intake.take(readable)); // as long as the store is down
            } catch (IllegalStateException interrupted) {
                // shutting down: nothing of the poll is acknowledged, so its offsets stay uncommitted and the next
                // consumer of these partitions reads it again (a failed poll would go to the dead-letter topic whole)
                return CompletableFuture.completedFuture(null);
            }
        }
        List<CompletableFuture<Void>> outcomes = new ArrayList<>();
        for (KafkaRecord<String, String> record : poll) {
            InvalidEventException problem = unreadable.get(record);
            // a nack goes to the failure strategy one record at a time: the dead-letter topic, then committed
            outcomes.add((problem == null ? record.ack() : record.nack(problem)).toCompletableFuture());
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new));
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
