package io.crmsuite.complaint.sla;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

import io.crmsuite.complaint.complaint.Complaint;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which complaints need the scanner when: {@code due} = entries {@code {id, at}} (complaint id, epoch millisecond of
 * its next check) in five-second buckets, each bucket split into {@value #SHARDS} shards by a hash of the complaint
 * id, one document per shard: {@code _id} = the bucket's first epoch second x 100 + the shard. The checks of a burst
 * of intakes (a thousand a second) fall in the same bucket; the shards spread them over many small documents, so no
 * document takes every write of a busy period and each holds about a sixteenth of its bucket (MongoDB rewrites a
 * document on each update, and {@code $addToSet} compares with every entry). A complaint always lands in the same
 * shard, so {@code $addToSet} still keeps one entry per next check.
 * <p>
 * A scan reads the buckets it has not finished, every shard of them, with one {@code find} by {@code _id $in}: the
 * one read that real MongoDB and the local stand-in both answer from the {@code _id} index (the stand-in reads
 * every document for a range), sixteen small documents per bucket whatever the number of open complaints. Every
 * save adds the complaint to the bucket of its next check, never to one already passed; a scan takes out the
 * entries that are due (one unordered bulk write), so an entry left behind by a later change costs one look. The
 * complaints stay the truth: the buckets are re-registered from them shortly after start-up and every hour, and
 * every five minutes a scan reads all past buckets by an {@code _id} range (and removes the emptied ones).
 * <p>
 * That range also holds the documents of the earlier layout (one per ten-second bucket, {@code _id} = its first
 * epoch second: a hundred times smaller than any key of this one, so read first). A replica's first scan after
 * start-up is such a pass and takes what they hold that is due; their later entries are taken by a later pass,
 * and on time from this layout, where the re-registration shortly after start-up has put every pending check.
 */
@ApplicationScoped
public class SlaTimers {

    static final long BUCKET_SECONDS = 5;
    /** Documents per bucket; at most {@link #KEY_FACTOR}. */
    static final int SHARDS = 16;
    /** {@code _id} = bucket second x this + shard. */
    static final long KEY_FACTOR = 100;
    /** Buckets read again behind the last finished one (30 s): saves from a replica whose clock is a little behind. */
    private static final int OVERLAP = 6;
    /** A scan further than this from the last finished bucket reads all past buckets instead. */
    private static final long LOST_SECONDS = 600;
    private static final long FULL_PASS_MILLIS = 300_000;
    private static final Logger LOG = Logger.getLogger(SlaTimers.class);

    private final MongoCollection<Document> buckets;
    private final Clock clock;
    /**
     * The last bucket this replica emptied of everything due (Long.MIN_VALUE: not yet, read all). Concurrent scans
     * in one process behave like replicas: both may take the same entry, and the complaint's conditional save
     * lets one record it.
     */
    private volatile long finishedBucket = Long.MIN_VALUE;
    private volatile long lastFullPass;

    SlaTimers(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database, Clock clock) {
        this.buckets = client.getDatabase(database).getCollection("sla_timers");
        this.clock = clock;
    }

    /** The first epoch second of the bucket holding {@code at}. */
    static long bucketOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), BUCKET_SECONDS) * BUCKET_SECONDS;
    }

    /** The {@code _id} of a bucket's document for the complaint: the same shard for every save of one complaint. */
    static long keyOf(long bucket, String complaintId) {
        return bucket * KEY_FACTOR + Math.floorMod(complaintId.hashCode(), SHARDS);
    }

    /** After a save: the complaint waits in the bucket of its next check (or the current one, if that has passed). */
    public void saved(Complaint c) {
        if (c.nextSlaCheckAt != null) {
            long bucket = Math.max(bucketOf(c.nextSlaCheckAt), bucketOf(clock.instant()));
            Document entry = new Document("id", c.id).append("at", c.nextSlaCheckAt.toEpochMilli());
            buckets.updateOne(Filters.eq("_id", keyOf(bucket, c.id)), Updates.addToSet("due", entry),
                    new UpdateOptions().upsert(true));
        }
    }

    /**
     * Takes the entries due at {@code now} out of their buckets and returns their complaint ids, at most
     * {@code limit}, earliest buckets first; the caller checks each complaint (a save puts it back in the bucket of
     * its next check).
     */
    public List<String> takeDue(Instant now, int limit) {
        long current = bucketOf(now);
        List<String> ids = new ArrayList<>();
        List<WriteModel<Document>> pulls = new ArrayList<>();
        boolean all = true;
        try (MongoCursor<Document> found = dueBuckets(current).iterator()) { // closed also when the limit stops it
            while (found.hasNext()) {
                Document bucket = found.next();
                List<Document> due = bucket.getList("due", Document.class, List.of()).stream()
                        .filter(e -> e.getLong("at") <= now.toEpochMilli()).limit(limit - ids.size()).toList();
                if (due.isEmpty()) {
                    continue;
                }
                pulls.add(new UpdateOneModel<>(Filters.eq("_id", bucket.get("_id")), Updates.pullAll("due", due)));
                due.forEach(e -> ids.add(e.getString("id")));
                if (ids.size() >= limit) {
                    all = false;
                    break;
                }
            }
        }
        if (!pulls.isEmpty()) {
            buckets.bulkWrite(pulls, new BulkWriteOptions().ordered(false));
        }
        if (all) {
            finishedBucket = current - BUCKET_SECONDS; // the current bucket may still receive entries
        }
        return ids;
    }

    private FindIterable<Document> dueBuckets(long current) {
        long nowMillis = clock.millis();
        boolean lost = finishedBucket == Long.MIN_VALUE || Math.abs(current - finishedBucket) > LOST_SECONDS;
        if (lost || nowMillis - lastFullPass > FULL_PASS_MILLIS) {
            lastFullPass = nowMillis;
            // emptied buckets are removed here, not in every scan: the conditional delete reads the collection
            buckets.deleteMany(Filters.and(
                    Filters.lt("_id", (current - OVERLAP * BUCKET_SECONDS) * KEY_FACTOR), Filters.size("due", 0)));
            // every shard of every bucket up to the current one, and the earlier layout's documents (smaller keys)
            return buckets.find(Filters.lt("_id", (current + BUCKET_SECONDS) * KEY_FACTOR))
                    .sort(Sorts.ascending("_id"));
        }
        List<Long> keys = new ArrayList<>();
        for (long b = finishedBucket - OVERLAP * BUCKET_SECONDS; b <= current; b += BUCKET_SECONDS) {
            for (int shard = 0; shard < SHARDS; shard++) {
                keys.add(b * KEY_FACTOR + shard);
            }
        }
        return buckets.find(Filters.in("_id", keys)).sort(Sorts.ascending("_id"));
    }

    @Scheduled(every = "1h", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reconcile() {
        int registered = 0;
        for (Complaint c : Complaint.collection().find(Filters.ne("nextSlaCheckAt", null))
                .projection(Projections.include("nextSlaCheckAt"))) {
            saved(c);
            registered++;
        }
        LOG.debugf("SLA timers: %d complaints with a pending check re-registered", registered);
    }
}
