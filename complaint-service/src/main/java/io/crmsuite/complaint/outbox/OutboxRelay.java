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
 * acknowledged it. Every replica relays the complaints it wrote itself, by id, within {@code crm.outbox.poll-interval};
 * a sweep in every replica, every {@code crm.outbox.sweep-interval}, sends whatever waited longer than
 * {@code crm.outbox.stale-after} (left by a replica that died, or by a Kafka outage). While Kafka is down the events
 * simply stay in the documents.
 * <p>
 * Two replicas may then send the same events (a sweep meeting a slow writer): each sends a complaint's waiting events
 * from the oldest on, in order, in one Kafka transaction, so an event is never on the topic before the events of
 * the same complaint older than it, and consumers skip a repeat by its {@code aggregateversion}. That is why no lease
 * is needed: with one, a replica's events waited for the lease holder's sweep.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final int BATCH = 200;
    /** What the relay needs back from its pull: whether events are left, and the revision to clear them on. */
    private static final FindOneAndUpdateOptions AFTER_PULL = new FindOneAndUpdateOptions()
            .returnDocument(ReturnDocument.AFTER).projection(Projections.include("pendingEvents", "revision"));

    private final EventPublisher publisher;
    private final java.time.Clock clock;
    private final Duration staleAfter;
    private final Set<String> written = ConcurrentHashMap.newKeySet();
    /** The quick pass and the sweep never run at once: both sending the same events would duplicate them. */
    private final ReentrantLock sending = new ReentrantLock();

    private final Duration pollInterval;
    private PollingLoop loop;

    OutboxRelay(EventPublisher publisher, java.time.Clock clock,
            @ConfigProperty(name = "crm.outbox.poll-interval", defaultValue = "0.2s") Duration pollInterval,
            @ConfigProperty(name = "crm.outbox.stale-after", defaultValue = "10s") Duration staleAfter) {
        this.publisher = publisher;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.staleAfter = staleAfter;
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

    @Scheduled(every = "${crm.outbox.sweep-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        sending.lock();
        try {
            java.util.Date staleBefore = java.util.Date.from(clock.instant().minus(staleAfter));
            int sent;
            do {
                sent = relay(Filters.lt("pendingSince", staleBefore));
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
