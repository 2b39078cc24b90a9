package io.crmsuite.analytics.store;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;

/**
 * One generation of the analytics state: daily buckets and the per-aggregate projections. A rebuild fills a new
 * generation while queries keep reading the active one, then switches.
 */
public record Generation(int number, MongoCollection<Document> daily, MongoCollection<Document> complaints,
        MongoCollection<Document> customers, MongoCollection<Document> meta) {

    public static Generation of(MongoDatabase db, int number) {
        String suffix = "_g" + number;
        return new Generation(number, db.getCollection("daily" + suffix), db.getCollection("complaint_facts" + suffix),
                db.getCollection("customer_facts" + suffix), db.getCollection("meta" + suffix));
    }

    public void drop() {
        daily.drop();
        complaints.drop();
        customers.drop();
        meta.drop();
    }

    /** The time of the newest event applied to this generation, or null before the first. */
    public java.time.Instant asOf() {
        Document doc = meta.find(new Document("_id", "asOf")).first();
        return doc == null ? null : doc.getDate("at").toInstant();
    }

    public void createIndexes() {
        // unique by _id anyway: lets the local stand-in find the exactly-once write's {_id, version} by index
        complaints.createIndex(new Document("_id", 1).append("version", 1), new IndexOptions().unique(true));
        customers.createIndex(new Document("_id", 1).append("version", 1), new IndexOptions().unique(true));
        complaints.createIndex(new Document("customerId", 1));
        complaints.createIndex(new Document("open", 1).append("dueAt", 1));
        complaints.createIndex(new Document("updatedAt", 1).append("_id", 1));
        customers.createIndex(new Document("revenueCents", -1));
    }
}
