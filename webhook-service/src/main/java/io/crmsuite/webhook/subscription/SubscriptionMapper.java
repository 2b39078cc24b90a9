package io.crmsuite.webhook.subscription;

import java.util.ArrayList;
import java.util.List;

/** The one place where requests, stored subscriptions and API views are mapped onto each other. */
public final class SubscriptionMapper {

    private SubscriptionMapper() {
    }

    /** Copies the editable fields of a request that {@link SubscriptionRules} accepted. */
    public static void apply(SubscriptionRequest request, Subscription subscription) {
        subscription.url = request.url().trim();
        subscription.eventTypes = new ArrayList<>(request.eventTypes().stream().map(String::trim).distinct().toList());
        SubscriptionRequest.Filters filters = request.filters();
        subscription.filterSources = trimmed(filters == null ? null : filters.source());
        subscription.filterCategories = trimmed(filters == null ? null : filters.category());
        subscription.filterSeverities = trimmed(filters == null ? null : filters.severity());
        subscription.description = request.description();
    }

    /** The editable fields of a subscription, as a request: the base a merge patch is applied to. */
    public static SubscriptionRequest toRequest(Subscription s) {
        return new SubscriptionRequest(s.url, s.eventTypes, new SubscriptionRequest.Filters(s.filterSources,
                s.filterCategories, s.filterSeverities), s.description, s.enabled);
    }

    public static SubscriptionView toView(Subscription s) {
        return toView(s, null);
    }

    /** With the secret: only for the answer that created or rotated it. */
    public static SubscriptionView toView(Subscription s, String secret) {
        return new SubscriptionView(s.id, s.owner, s.url, List.copyOf(s.eventTypes),
                new SubscriptionView.FiltersView(List.copyOf(s.filterSources), List.copyOf(s.filterCategories),
                        List.copyOf(s.filterSeverities)),
                s.description, s.enabled, s.disabledReason, s.disabledAt, s.lastSuccessAt, s.failingSince,
                s.previousSecretUntil, s.createdAt, s.updatedAt, s.version, secret);
    }

    private static List<String> trimmed(List<String> values) {
        return values == null ? new ArrayList<>() : new ArrayList<>(values.stream().map(String::trim).distinct().toList());
    }
}
