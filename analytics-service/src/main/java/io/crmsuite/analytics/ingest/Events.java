package io.crmsuite.analytics.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

import io.crmsuite.platform.consumer.InvalidEventException;

/** Reading event data strictly: a missing or malformed field is a reason to dead-letter the event. */
final class Events {

    private Events() {
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            throw new InvalidEventException("data." + field + " is missing");
        }
        return value;
    }

    static Instant instant(JsonNode node, String field) {
        String value = required(node, field).asText();
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("data." + field + " is not an ISO-8601 instant: " + value);
        }
    }

    /** An amount of money in cents, exactly: a number with at most 2 decimals. */
    static long cents(JsonNode amount) {
        try {
            return new BigDecimal(amount.asText()).movePointRight(2).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidEventException("an amount must be a number with at most 2 decimals: " + amount);
        }
    }
}
