package io.crmsuite.webhook.subscription;

import java.util.List;

import io.crmsuite.platform.problem.ProblemException;
import io.crmsuite.webhook.outbound.TargetPolicy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a subscription request must be beyond its shape (Bean Validation checks that): a URL that may be called
 * ({@link TargetPolicy}), event type patterns that match something, filter values the events can carry. Each
 * refusal is a 400 naming the field, e.g. {@code eventTypes[1]} or {@code filters.severity[0]}.
 */
@ApplicationScoped
public class SubscriptionRules {

    private final TargetPolicy targets;

    SubscriptionRules(TargetPolicy targets) {
        this.targets = targets;
    }

    public void check(SubscriptionRequest request) {
        String problem = targets.problem(request.url().trim());
        if (problem != null) {
            throw ProblemException.badField("url", "url " + problem);
        }
        for (int i = 0; i < request.eventTypes().size(); i++) {
            String pattern = EventTypePattern.problem(request.eventTypes().get(i).trim());
            if (pattern != null) {
                throw ProblemException.badField("eventTypes[" + i + "]", pattern);
            }
        }
        SubscriptionRequest.Filters filters = request.filters();
        if (filters != null) {
            oneOf("filters.category", filters.category(), EventCatalog.CATEGORIES);
            oneOf("filters.severity", filters.severity(), EventCatalog.SEVERITIES);
        }
    }

    private static void oneOf(String field, List<String> values, List<String> known) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (!known.contains(values.get(i).trim())) {
                throw ProblemException.badField(field + "[" + i + "]", "'" + values.get(i) + "' is not one of " + known);
            }
        }
    }
}
