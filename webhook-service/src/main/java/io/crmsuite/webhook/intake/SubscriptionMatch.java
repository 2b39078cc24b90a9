package io.crmsuite.webhook.intake;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.crmsuite.webhook.subscription.EventTypePattern;

/**
 * What intake needs of an enabled subscription to decide whether an event goes to it: its event type patterns,
 * its filters (each empty or holding the accepted values), and its creation time: a subscription receives the
 * events that happened after it was made, never the topics' history (a consumer group starting from the beginning
 * must not flood a new receiver with last year's complaints).
 */
record SubscriptionMatch(UUID id, List<String> eventTypes, List<String> sources, List<String> categories,
        List<String> severities, Instant createdAt) {

    boolean accepts(IncomingEvent event) {
        return eventTypes.stream().anyMatch(pattern -> EventTypePattern.matches(pattern, event.type()))
                && allowed(sources, event.source()) && allowed(categories, event.category())
                && allowed(severities, event.severity())
                && (event.time() == null || !event.time().isBefore(createdAt));
    }

    private static boolean allowed(List<String> accepted, String value) {
        return accepted.isEmpty() || (value != null && accepted.contains(value));
    }
}
