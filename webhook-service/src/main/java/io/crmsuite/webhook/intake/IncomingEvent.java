package io.crmsuite.webhook.intake;

import java.time.Instant;

/**
 * An event read from Kafka, with what subscriptions are matched on, and {@code payload}: the message value exactly
 * as it was on the topic, which becomes the body of every delivery.
 */
public record IncomingEvent(String id, String type, String subject, Instant time, String source, String category,
        String severity, String payload) {
}
