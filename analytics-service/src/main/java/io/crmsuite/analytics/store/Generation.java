package io.crmsuite.analytics.store;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;

/**
 * One generation of the analytics state: day buckets, the per-aggregate facts and the purchases, filled by the consumer group
 * of the generation ({@link #consumerGroup()}). A rebuild fills a new generation with a new group from the start
 * of the topics while queries read the active one, then the new one becomes active.
 */
public record Generation(int number, MongoCollection<Document> buckets, MongoCollection<Document> complaints,
        MongoCollection<Document> customers, MongoCollection<Document> retention,
        MongoCollection<Document> applied, MongoCollection<Document> purchases) {

    public static Generation of(MongoDatabase db, int number) {
        String suffix = "_g" + number;
        return new Generation(number, db.getCollection("buckets" + suffix), db.getCollection("complaints" + suffix),
                db.getCollection("customers" + suffix), db.getCollection("retention" + suffix),
                db.getCollection("applied" + suffix), db.getCollection("purchases" + suffix));
    }

    /** The Kafka consumer group that fills this generation; its committed offsets say how far it is. */
    public String consumerGroup() {
        return "analytics-service-g" + number;
    }

    public void drop() {
        buckets.drop();
        complaints.drop();
        customers.drop();
        retention.drop();
        applied.drop();
        purchases.drop();
    }

    /** The time of the newest event applied to this generation, or null before the first. */
    public Instant asOf() {
        Date newest = null;
        for (Document shard : applied.find()) {
            Date at = shard.getDate("at");
            if (newest == null || at.after(newest)) {
                newest = at;
            }
        }
        return newest == null ? null : newest.toInstant();
    }

    /**
     * Every conditional write is a plain {@code {_id, <guard>}} document with a unique index on both fields (unique
     * by {@code _id} anyway): the local stand-in answers such a filter only from an index with exactly its fields.
     */
    public void createIndexes() {
        IndexOptions unique = new IndexOptions().unique(true);
        buckets.createIndex(new Document("_id", 1).append("offset", 1), unique);
        complaints.createIndex(new Document("_id", 1).append("version", 1), unique);
        customers.createIndex(new Document("_id", 1).append("version", 1), unique);
        retention.createIndex(new Document("_id", 1).append("rev", 1), unique);
        retention.createIndex(new Document("pending.shard", 1));
        complaints.createIndex(new Document("open", 1).append("dueAt", 1));
        complaints.createIndex(new Document("updatedAt", 1).append("_id", 1));
        customers.createIndex(new Document("firstPurchaseAt", 1));
        purchases.createIndex(new Document("at", 1));
    }
}
