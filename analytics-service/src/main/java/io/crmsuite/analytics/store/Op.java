package io.crmsuite.analytics.store;

import org.bson.Document;

/**
 * Increments to one daily bucket caused by one event. {@code id} (event id + bucket) lets the bucket refuse a
 * second application when the event is redelivered.
 */
public record Op(String id, String day, Document inc) {

    public Document toDocument() {
        return new Document("id", id).append("day", day).append("inc", inc);
    }

    public static Op fromDocument(Document d) {
        return new Op(d.getString("id"), d.getString("day"), d.get("inc", Document.class));
    }
}
