package io.crmsuite.analytics.ingest;

import org.bson.Document;

import io.crmsuite.analytics.store.Increments;

/**
 * What applying one event does: the aggregate's new fields, the day-bucket increments, the change it makes to a
 * customer's retention book (or null) and the purchase it records (or null).
 */
record Projection(Document set, Increments increments, RetentionChange retention, Document purchase) {

    Projection(Document set, Increments increments, RetentionChange retention) {
        this(set, increments, retention, null);
    }
}
