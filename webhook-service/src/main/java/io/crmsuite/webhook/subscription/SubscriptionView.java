package io.crmsuite.webhook.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A subscription as the API shows it. {@code secret} is present only in the answer that made it (creation, a
 * rotation): it is never shown again.
 */
public record SubscriptionView(
        UUID id,
        String owner,
        String url,
        List<String> eventTypes,
        FiltersView filters,
        String description,
        boolean enabled,
        String disabledReason,
        Instant disabledAt,
        Instant lastSuccessAt,
        Instant failingSince,
        Instant previousSecretValidUntil,
        Instant createdAt,
        Instant updatedAt,
        long version,
        @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    public record FiltersView(List<String> source, List<String> category, List<String> severity) {
    }
}
