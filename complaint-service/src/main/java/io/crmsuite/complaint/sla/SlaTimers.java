package io.crmsuite.complaint.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.jboss.logging.Logger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;

import io.crmsuite.complaint.complaint.Complaint;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * When each open complaint next needs the scanner: a small collection derived from the complaints'
 * {@code nextSlaCheckAt}, so a scan reads one tiny document per waiting complaint instead of every complaint
 * (the local MongoDB stand-in has no secondary indexes; real MongoDB uses the index on {@code at}). The complaint
 * stays the truth: a timer is rewritten after every save, and rebuilt from the complaints at start-up and every
 * ten minutes, so a timer lost in a crash delays a check by at most that long.
 */
@ApplicationScoped
public class SlaTimers {

    private static final Logger LOG = Logger.getLogger(SlaTimers.class);

    private final MongoCollection<Document> timers;

    SlaTimers(MongoClient client,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.timers = client.getDatabase(database).getCollection("sla_timers");
    }

    void start(@Observes StartupEvent event) {
        timers.createIndex(Indexes.ascending("at"));
        reconcile();
    }

    /** Mirrors a saved complaint's next check. */
    public void saved(Complaint c) {
        if (c.nextSlaCheckAt == null) {
            timers.deleteOne(Filters.eq("_id", c.id));
        } else {
            timers.replaceOne(Filters.eq("_id", c.id), new Document("_id", c.id).append("at", Date.from(c.nextSlaCheckAt)),
                    new ReplaceOptions().upsert(true));
        }
    }

    /** The complaints whose check is due at {@code now}, earliest first. */
    public List<String> due(Instant now, int limit) {
        return timers.find(Filters.lte("at", Date.from(now))).sort(Sorts.ascending("at")).limit(limit)
                .map(d -> d.getString("_id")).into(new ArrayList<>());
    }

    public void forget(String complaintId) {
        timers.deleteOne(Filters.eq("_id", complaintId));
    }

    @Scheduled(every = "10m", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reconcile() {
        int restored = 0;
        for (Complaint c : Complaint.collection().find(Filters.ne("nextSlaCheckAt", null))
                .projection(Projections.include("nextSlaCheckAt"))) {
            Document timer = timers.find(Filters.eq("_id", c.id)).first();
            if (timer == null || !timer.getDate("at").toInstant().equals(c.nextSlaCheckAt)) {
                saved(c);
                restored++;
            }
        }
        if (restored > 0) {
            LOG.infof("SLA timers: %d restored from the complaints", restored);
        }
    }
}
