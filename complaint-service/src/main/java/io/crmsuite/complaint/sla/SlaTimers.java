package io.crmsuite.complaint.sla;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.crmsuite.complaint.complaint.Complaint;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which complaints need the scanner when, in ten-second buckets: {@code _id} = the bucket's first second,
 * {@code due} = entries {@code {id, at}} (complaint id, epoch millisecond of its next check). A scan reads the
 * buckets it has not finished by {@code _id}, a few small documents, instead of every open complaint (the local
 * MongoDB stand-in answers only {@code _id} equality from an index). Every save adds the complaint to the bucket
 * of its next check, never to one already passed; a scan takes out the entries that are due, so an entry left
 * behind by a later change costs one look. The complaints stay the truth: the buckets are re-registered from
 * them shortly after start-up and every hour, and every five minutes a scan reads all past buckets (and removes
 * the emptied ones).
 */
@ApplicationScoped
public class SlaTimers {

    static final long BUCKET_SECONDS = 10;
    /** Buckets read again behind the last finished one: saves from a replica whose clock is a little behind. */
    private static final int OVERLAP = 3;
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

    static long bucketOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), BUCKET_SECONDS) * BUCKET_SECONDS;
    }

    /** After a save: the complaint waits in the bucket of its next check (or the current one, if that has passed). */
    public void saved(Complaint c) {
        if (c.nextSlaCheckAt != null) {
            long bucket = Math.max(bucketOf(c.nextSlaCheckAt), bucketOf(clock.instant()));
            Document entry = new Document("id", c.id).append("at", c.nextSlaCheckAt.toEpochMilli());
            buckets.updateOne(Filters.eq("_id", bucket), Updates.addToSet("due", entry),
                    new UpdateOptions().upsert(true));
        }
    }

    /**
     * Takes the entries due at {@code now} out of their buckets and returns their complaint ids, at most
     * {@code limit}; the caller checks each complaint (a save puts it back in the bucket of its next check).
     */
    public List<String> takeDue(Instant now, int limit) {
        long current = bucketOf(now);
        List<String> ids = new ArrayList<>();
        boolean all = true;
        for (Document bucket : dueBuckets(current)) {
            List<Document> due = bucket.getList("due", Document.class, List.of()).stream()
                    .filter(e -> e.getLong("at") <= now.toEpochMilli()).limit(limit - ids.size()).toList();
            if (due.isEmpty()) {
                continue;
            }
            Object key = bucket.get("_id");
            buckets.updateOne(Filters.eq("_id", key), Updates.pullAll("due", due));
            due.forEach(e -> ids.add(e.getString("id")));
            if (ids.size() >= limit) {
                all = false;
                break;
            }
        }
        if (all) {
            finishedBucket = current - BUCKET_SECONDS; // the current bucket may still receive entries
        }
        return ids;
    }

    private Iterable<Document> dueBuckets(long current) {
        long nowMillis = clock.millis();
        boolean lost = finishedBucket == Long.MIN_VALUE || Math.abs(current - finishedBucket) > 60 * BUCKET_SECONDS;
        if (lost || nowMillis - lastFullPass > FULL_PASS_MILLIS) {
            lastFullPass = nowMillis;
            // emptied buckets are removed here, not in every scan: the conditional delete reads the collection
            buckets.deleteMany(Filters.and(Filters.lt("_id", current - OVERLAP * BUCKET_SECONDS),
                    Filters.size("due", 0)));
            return buckets.find(Filters.lte("_id", current)).sort(Sorts.ascending("_id"));
        }
        List<Document> found = new ArrayList<>();
        for (long b = finishedBucket - OVERLAP * BUCKET_SECONDS; b <= current; b += BUCKET_SECONDS) {
            Document bucket = buckets.find(Filters.eq("_id", b)).first();
            if (bucket != null) {
                found.add(bucket);
            }
        }
        return found;
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
