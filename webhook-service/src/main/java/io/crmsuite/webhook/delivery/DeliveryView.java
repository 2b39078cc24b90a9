package io.crmsuite.webhook.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery as the API shows it. {@code nextAttemptAt} is null once it is done, and while it waits behind an
 * earlier delivery of the same subject (its events go in order). {@code lastResponse} is the start of the
 * receiver's last answer.
 */
public record DeliveryView(UUID id, String eventId, String eventType, String subject, DeliveryStatus status,
        int attempts, Integer lastStatusCode, String lastError, String lastResponse, Instant lastAttemptAt,
        Instant nextAttemptAt, Instant deliveredAt, Instant failedAt, Instant createdAt) {
}
