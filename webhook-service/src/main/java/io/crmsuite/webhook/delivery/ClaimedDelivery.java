package io.crmsuite.webhook.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.crmsuite.webhook.outbound.OutgoingWebhook;

/**
 * A delivery this replica holds the lease of, with what its attempt needs. Only the holder of {@code leaseToken}
 * records the outcome; {@code claimedAtNanos} (this JVM's monotonic clock) lets the holder see its lease running
 * out before it sends.
 *
 * @param attempts the attempts made, this one included
 */
public record ClaimedDelivery(UUID id, UUID subscriptionId, String eventId, String eventType, String subject,
        int attempts, Instant windowStart, String payload, String url, List<String> secrets, UUID leaseToken,
        long claimedAtNanos) {

    public OutgoingWebhook webhook() {
        return new OutgoingWebhook(url, eventId, payload, secrets);
    }
}
