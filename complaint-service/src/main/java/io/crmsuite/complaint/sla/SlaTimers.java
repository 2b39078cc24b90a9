package io.crmsuite.complaint.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
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
 * {@code ids} = the complaints whose next check falls in it. A scan reads the due buckets, a few small
 * documents, instead of every open complaint (the local MongoDB stand-in scans whatever it is asked; a bucket
 * holds about a hundred ids at a million open complaints). Every save adds the complaint to the bucket of its
 * next check; a scan takes the ids out of the buckets it reads, so an entry left behind by a later change only
 * costs one look. The complaints stay the truth: the buckets are re-registered from them shortly after start-up and every hour.
 */
@ApplicationScoped
public class SlaTimers {

    static final long BUCKET_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(SlaTimers.class);

    private final MongoCollection<Document> buckets;

    SlaTimers(MongoClient client,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.buckets = client.getDatabase(database).getCollection("sla_timers");
    }

    static long bucketOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), BUCKET_SECONDS) * BUCKET_SECONDS;
    }

    /** After a save: the complaint is looked at in the bucket of its next check. */
    public void saved(Complaint c) {
        if (c.nextSlaCheckAt != null) {
            buckets.updateOne(Filters.eq("_id", bucketOf(c.nextSlaCheckAt)), Updates.addToSet("ids", c.id),
                    new UpdateOptions().upsert(true));
        }
    }

    /**
     * Takes the complaints of every bucket that has begun by {@code now} out of their buckets and returns them;
     * the caller checks each (a save puts it back in the bucket of its next check).
     */
    public List<String> takeDue(Instant now, int limit) {
        List<String> ids = new ArrayList<>();
        for (Document bucket : buckets.find(Filters.lte("_id", bucketOf(now))).sort(Sorts.ascending("_id"))) {
            List<String> inBucket = bucket.getList("ids", String.class, List.of());
            List<String> taken = inBucket.size() > limit - ids.size() ? inBucket.subList(0, limit - ids.size()) : inBucket;
            buckets.updateOne(Filters.eq("_id", bucket.get("_id")), Updates.pullAll("ids", taken));
            buckets.deleteOne(Filters.and(Filters.eq("_id", bucket.get("_id")), Filters.size("ids", 0)));
            ids.addAll(taken);
            if (ids.size() >= limit) {
                break;
            }
        }
        return ids;
    }

    @Scheduled(every = "1h", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reconcile() {
        int restored = 0;
        for (Complaint c : Complaint.collection().find(Filters.ne("nextSlaCheckAt", null))
                .projection(Projections.include("nextSlaCheckAt"))) {
            saved(c);
            restored++;
        }
        LOG.debugf("SLA timers: %d complaints with a pending check re-registered", restored);
    }
}
