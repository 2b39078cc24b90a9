package io.crmsuite.analytics.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;

/**
 * Applies a {@link BucketBatch} exactly once. A bucket document belongs to one Kafka partition and remembers the
 * offset of the last event it holds, in the same single-document write as the increments; the increments of
 * events at or below that offset are left out, so a redelivered batch (whatever its boundaries) adds nothing
 * twice. Every write is conditional on the offset read, so two consumers that both think they own a partition
 * (a rebalance) cannot both add the same event: the loser reads again and folds only what is left.
 */
public final class BucketWriter {

    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    /** The offset of a bucket that does not exist yet: below every real offset. */
    private static final long NONE = -1;

    private BucketWriter() {
    }

    public static void write(MongoCollection<Document> buckets, BucketBatch batch) {
        Map<String, BucketBatch.Bucket> left = new HashMap<>(batch.buckets());
        while (!left.isEmpty()) {
            Map<String, Long> stored = storedOffsets(buckets, left.keySet());
            List<String> ids = new ArrayList<>();
            List<UpdateOneModel<Document>> writes = new ArrayList<>();
            left.forEach((id, bucket) -> {
                long offset = stored.getOrDefault(id, NONE);
                Document update = update(bucket, offset);
                if (update != null) {
                    ids.add(id);
                    writes.add(new UpdateOneModel<>(new Document("_id", id).append("offset", offset), update, UPSERT));
                }
            });
            left = retryLosers(buckets, writes, ids, left);
        }
    }

    /** {@code $inc} of everything above {@code storedOffset}, {@code $set} of the new offset; null when nothing is. */
    private static Document update(BucketBatch.Bucket bucket, long storedOffset) {
        Document inc = new Document();
        long newest = storedOffset;
        for (BucketBatch.Entry entry : bucket.entries()) {
            if (entry.offset() > storedOffset) {
                entry.inc().forEach((field, amount) -> inc.put(field, inc.get(field, 0L) + (Long) amount));
                newest = Math.max(newest, entry.offset());
            }
        }
        if (newest == storedOffset) {
            return null;
        }
        inc.values().removeIf(amount -> (Long) amount == 0L);
        Document update = new Document("$set", new Document("offset", newest).append("day", bucket.day()));
        if (!inc.isEmpty()) {
            update.append("$inc", inc);
        }
        return update;
    }

    /** Writes; returns the buckets another consumer changed in between (to fold again from what they hold now). */
    private static Map<String, BucketBatch.Bucket> retryLosers(MongoCollection<Document> buckets,
            List<UpdateOneModel<Document>> writes, List<String> ids, Map<String, BucketBatch.Bucket> left) {
        Map<String, BucketBatch.Bucket> losers = new HashMap<>();
        if (writes.isEmpty()) {
            return losers;
        }
        try {
            buckets.bulkWrite(writes, UNORDERED);
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                String id = ids.get(error.getIndex()); // the upsert met a document at another offset
                losers.put(id, left.get(id));
            }
        }
        return losers;
    }

    private static Map<String, Long> storedOffsets(MongoCollection<Document> buckets, java.util.Set<String> ids) {
        Map<String, Long> offsets = new HashMap<>();
        for (Document d : buckets.find(Filters.in("_id", ids)).projection(Projections.include("offset"))) {
            offsets.put(d.getString("_id"), d.get("offset", NONE));
        }
        return offsets;
    }
}
