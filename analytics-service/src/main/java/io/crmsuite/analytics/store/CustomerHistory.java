package io.crmsuite.analytics.store;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;

/**
 * Reads a customer fact's history, the one way the projection and the queries do: {@code tiers} (each tier held,
 * {@code at}/{@code t}) and {@code spans} (each time in the base, {@code s} start, {@code e} end or null).
 * Instants are compared as a day bucket counts them: a change at midnight belongs to the day it opens.
 */
public final class CustomerHistory {

    private CustomerHistory() {
    }

    /** The tier held just before {@code instant}; the oldest one known if the history starts later. */
    public static String tierBefore(List<Document> tiers, Instant instant, String fallback) {
        String tier = tiers.isEmpty() ? fallback : tiers.get(0).getString("t");
        for (Document entry : tiers) {
            if (entry.getDate("at").toInstant().isBefore(instant)) {
                tier = entry.getString("t");
            }
        }
        return tier;
    }

    /** The span the customer was in the base with, just before {@code instant}, or null when it was not. */
    public static Document spanBefore(List<Document> spans, Instant instant) {
        for (Document span : spans) {
            Date end = span.getDate("e");
            if (span.getDate("s").toInstant().isBefore(instant) && (end == null || !end.toInstant().isBefore(instant))) {
                return span;
            }
        }
        return null;
    }

    /** Whether {@code span} lasted through {@code instant} (it had not ended before). */
    public static boolean lastedTo(Document span, Instant instant) {
        Date end = span.getDate("e");
        return end == null || !end.toInstant().isBefore(instant);
    }
}
