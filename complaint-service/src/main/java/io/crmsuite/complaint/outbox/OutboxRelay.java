package io.crmsuite.complaint.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.ComplaintStore;
import io.crmsuite.events.Topics;
import io.crmsuite.platform.events.EventPublisher;
import io.crmsuite.platform.events.OutgoingEvent;
import io.crmsuite.platform.events.PollingLoop;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sends the events stored in complaint documents to Kafka and removes each from its document once the broker
 * acknowledged it. Complaints written by this replica are relayed within {@code crm.outbox.poll-interval} by id;
 * a sweep every {@code crm.outbox.sweep-interval} (30 s) finds whatever else waits (events written by other replicas,
 * or left by a crash or a Kafka outage). Only the replica holding the relay lease sends, so the events of a
 * complaint leave in order. While Kafka is down the events simply stay in the documents.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final int BATCH = 200;
    /** What the relay needs back from its pull: whether events are left, and the revision to clear them on. */
    private static final FindOneAndUpdateOptions AFTER_PULL = new FindOneAndUpdateOptions()
            .returnDocument(ReturnDocument.AFTER).projection(Projections.include("pendingEvents", "revision"));

    private final EventPublisher publisher;
    private final RelayLease lease;
    private final Set<String> written = ConcurrentHashMap.newKeySet();
    /** The quick pass and the sweep never run at once: both sending the same events would duplicate them. */
    private final ReentrantLock sending = new ReentrantLock();

    private final Duration pollInterval;
    private PollingLoop loop;

    OutboxRelay(EventPublisher publisher, RelayLease lease,
            @ConfigProperty(name = "crm.outbox.poll-interval", defaultValue = "0.2s") Duration pollInterval) {
        this.publisher = publisher;
        this.lease = lease;
        this.pollInterval = pollInterval;
    }

    void start(@Observes StartupEvent event) {
        loop = PollingLoop.start("outbox-relay", pollInterval, this::relayRecent);
    }

    @PreDestroy
    void stop() {
        if (loop != null) {
            loop.close();
        }
    }

    /** Called after a write that stored events: relay them soon. */
    public void wrote(String complaintId) {
        written.add(complaintId);
    }

    void relayRecent() {
        if (written.isEmpty() || !sending.tryLock()) {
            return;
        }
        try {
            relayWritten();
        } finally {
            sending.unlock();
        }
    }

    private void relayWritten() {
        if (!lease.acquire()) {
            written.clear(); // the lease holder's sweep sends them
            return;
        }
        while (!written.isEmpty()) {
            List<String> ids = new ArrayList<>(BATCH);
            Iterator<String> it = written.iterator();
            while (it.hasNext() && ids.size() < BATCH) {
                ids.add(it.next());
                it.remove();
            }
            if (relayByIds(ids) < 0) {
                written.addAll(ids); // Kafka did not take them: try again on the next pass
                return;
            }
        }
    }

    @Scheduled(every = "${crm.outbox.sweep-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        sending.lock();
        try {
            if (!lease.acquire()) {
                return;
            }
            int sent;
            do {
                sent = relay(Filters.ne("pendingSince", null));
            } while (sent >= BATCH);
        } finally {
            sending.unlock();
        }
    }

    /**
     * Clears {@code pendingSince} once no event waits, given the complaint as the pull left it. Every write that
     * adds events raises the revision, so a write conditional on that revision cannot hide an event added since.
     */
    private static void clearPendingIfEmpty(Complaint left) {
        if (left != null && left.pendingEvents.isEmpty()) {
            Complaint.collection().updateOne(ComplaintStore.atRevision(left.id, left.revision),
                    Updates.set("pendingSince", null));
        }
    }

    /** Looks each complaint up by {@code _id}: an index lookup on any MongoDB, where {@code $in} may be a scan. */
    private int relayByIds(List<String> ids) {
        List<Complaint> docs = new ArrayList<>();
        for (String id : ids) {
            Complaint doc = Complaint.collection().find(Filters.eq("_id", id))
                    .projection(Projections.include("pendingEvents", "pendingSince", "revision")).first();
            if (doc != null && doc.pendingSince != null) {
                docs.add(doc);
            }
        }
        return send(docs);
    }

    /** Relays the waiting events of up to a batch of complaints; returns how many were fully sent, -1 on failure. */
    int relay(Bson waiting) {
        return send(Complaint.collection().find(waiting).projection(Projections.include("pendingEvents", "revision"))
                .sort(Sorts.ascending("pendingSince")).limit(BATCH).into(new ArrayList<>()));
    }

    private int send(List<Complaint> docs) {
        // a marker whose clearing lost a race with another write (a note) while the events were already sent
        docs.stream().filter(doc -> doc.pendingEvents.isEmpty()).forEach(OutboxRelay::clearPendingIfEmpty);
        docs = docs.stream().filter(doc -> !doc.pendingEvents.isEmpty()).toList();
        if (docs.isEmpty()) {
            return 0;
        }
        List<OutgoingEvent> events = new ArrayList<>();
        for (Complaint doc : docs) {
            doc.pendingEvents.forEach(e -> events.add(new OutgoingEvent(Topics.COMPLAINT_EVENTS, doc.id, e.json)));
        }
        int acknowledged = publisher.publish(events);
        int done = 0;
        int index = 0;
        for (Complaint doc : docs) {
            long lastSent = -1;
            for (Complaint.PendingEvent e : doc.pendingEvents) {
                if (index++ < acknowledged) {
                    lastSent = e.version;
                }
            }
            if (lastSent < 0) {
                break;
            }
            Complaint left = Complaint.collection().findOneAndUpdate(Filters.eq("_id", doc.id),
                    Updates.pull("pendingEvents", Filters.lte("version", lastSent)), AFTER_PULL);
            clearPendingIfEmpty(left);
            done++;
        }
        return acknowledged < events.size() ? -1 : done;
    }
}
