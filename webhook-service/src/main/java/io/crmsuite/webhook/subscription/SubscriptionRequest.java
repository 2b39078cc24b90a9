package io.crmsuite.webhook.subscription;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What a client sends to create ({@code POST}) or replace ({@code PUT}) a subscription.
 *
 * @param eventTypes exact types ({@code complaint.resolved}), prefixes ({@code complaint.*}) or {@code *}
 * @param filters    optional: only events whose data carries one of the listed values (each list: any value)
 * @param enabled    default true; true again clears the reason a subscription was disabled for
 */
public record SubscriptionRequest(
        @NotBlank @Size(max = 2000) String url,
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100) String> eventTypes,
        @Valid Filters filters,
        @Size(max = 500) String description,
        Boolean enabled) {

    /**
     * Filters on the event's data, combined with AND; within one, any listed value matches. An event without the
     * field (a customer event has no {@code source}) does not match a filter on it. A single string is read as a
     * list of one.
     *
     * @param source   the posting system of a complaint ({@code source} of the complaint events)
     * @param category a complaint's category, e.g. DELIVERY
     * @param severity a complaint's severity, e.g. HIGH
     */
    public record Filters(
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            @Size(max = 20) List<@NotNull @NotBlank @Size(max = 100) String> source,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            @Size(max = 20) List<@NotNull @NotBlank String> category,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            @Size(max = 20) List<@NotNull @NotBlank String> severity) {
    }
}
