package io.crmsuite.analytics.ingest;

import org.bson.Document;

import io.crmsuite.analytics.store.Increments;

/** What applying one event does: the aggregate's new fields and the bucket increments. */
record Projection(Document set, Increments increments) {
}
