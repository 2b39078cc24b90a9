package io.crmsuite.complaint.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.ComplaintStore;
import io.crmsuite.events.Topics;
import io.crmsuite.platform.events.EventPublisher;
import io.crmsuite.platform.events.OutgoingEvent;
import io.crmsuite.platform.events.PollingLoop;
import io.crmsuite.platform.problem.ScheduledJob;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sends the events stored in complaint documents to Kafka and removes each from its document once the broker
 * acknowledged it. Every replica relays the complaints it wrote itself within {@code crm.outbox.poll-interval}, from
 * what the write left in memory (the complaint's waiting events and the revision it wrote), so the relay reads
 * nothing back; a sweep in every replica, every {@code crm.outbox.sweep-interval}, reads and sends whatever waited
 * longer than {@code crm.outbox.stale-after} (left by a replica that died, or by a Kafka outage). While Kafka is down
 * the events simply stay in the documents.
 * <p>
 * A pass sends the events of up to {@value #BATCH} complaints in one Kafka transaction and marks them sent in one
 * {@code bulkWrite}: per complaint, the sent events are pulled and the "events waiting" marker cleared on condition
 * that the complaint is still at the revision relayed, and the sent events are pulled unconditionally (when a write
 * came in between, the marker stays for that write's own relay, or for the sweep if it stored no event).
 * <p>
 * A write that read the complaint while the relay was sending its earlier events hands them over again; the relay
 * remembers the last version Kafka took for the complaints it relayed lately and does not send those twice.
 * <p>
 * Two replicas may send the same events (a sweep meeting a slow writer): each sends a complaint's waiting events
 * from the oldest on, in order, in one Kafka transaction, so an event is never on the topic before the events of
 * the same complaint older than it, and consumers skip a repeat by its {@code aggregateversion}. That is why no lease
 * is needed: with one, a replica's events waited for the lease holder's sweep.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final int BATCH = 200;
    /** Complaints kept in memory for the quick pass at most (a Kafka outage): beyond, the sweep sends them. */
    private static final int REMEMBERED = 10_000;
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    /** A complaint's waiting events as one write stored them, and the revision that write gave it. */
    private record Waiting(String id, long revision, List<Complaint.PendingEvent> events) {
    }

    private final EventPublisher publisher;
    private final java.time.Clock clock;
    private final Duration staleAfter;
    private final Map<String, Waiting> written = new ConcurrentHashMap<>();
    /**
     * The last version Kafka took, per complaint recently relayed by this replica (read and written under
     * {@link #sending}): a write that read the complaint before the relay pulled its sent events hands them over
     * again, and they are not sent a second time.
     */
    private final Map<String, Long> sentUpTo = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    };
    /** The quick pass and the sweep never run at once: both sending the same events would duplicate them. */
    private final ReentrantLock sending = new ReentrantLock();
    /** During a MongoDB outage the sweep says so once, not with a stack trace every 10 s. */
    private final ScheduledJob sweepJob = new ScheduledJob(OutboxRelay.class, "the outbox sweep");

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

    /**
     * Called after a write that stored events, with the complaint as written: relay them soon. A complaint's
     * later write holds every event its earlier one did (or they were sent), so the later one replaces it.
     */
    public void wrote(Complaint complaint) {
        remember(new Waiting(complaint.id, complaint.revision, List.copyOf(complaint.pendingEvents)));
    }

    private void remember(Waiting waiting) {
        if (written.size() < REMEMBERED || written.containsKey(waiting.id())) {
            written.merge(waiting.id(), waiting, (old, now) -> now.revision() >= old.revision() ? now : old);
        }
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
            List<Waiting> batch = new ArrayList<>(BATCH);
            for (Map.Entry<String, Waiting> e : written.entrySet()) {
                if (batch.size() == BATCH) {
                    break;
                }
                if (written.remove(e.getKey(), e.getValue())) { // else a later write replaced it: the next round
                    batch.add(e.getValue());
                }
            }
            if (send(batch) < 0) {
                batch.forEach(this::remember); // Kafka did not take them: try again on the next pass
                return;
            }
        }
    }

    /** Runs {@code meanwhile} with the relay held, so that nothing is sent until it returns (tests). */
    void holding(Runnable meanwhile) {
        sending.lock();
        try {
            meanwhile.run();
        } finally {
            sending.unlock();
        }
    }

    @Scheduled(every = "${crm.outbox.sweep-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        sweepJob.run(() -> {
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
        });
    }

    /** Relays the waiting events of up to a batch of complaints; returns how many were sent, -1 on failure. */
    int relay(Bson waiting) {
        List<Waiting> docs = new ArrayList<>();
        for (Complaint doc : Complaint.collection().find(waiting)
                .projection(Projections.include("pendingEvents", "revision")).sort(Sorts.ascending("pendingSince"))
                .limit(BATCH)) {
            docs.add(new Waiting(doc.id, doc.revision, doc.pendingEvents));
        }
        return send(docs);
    }

    /**
     * Sends the events of {@code docs} in one transaction and marks them in one bulk write; returns how many
     * complaints were sent, -1 when Kafka did not take them. A complaint with nothing left to send (its marker's
     * clearing lost a race with another write, a note) only has the marker cleared.
     */
    private int send(List<Waiting> docs) {
        if (docs.isEmpty()) {
            return 0;
        }
        List<OutgoingEvent> events = new ArrayList<>();
        for (Waiting doc : docs) {
            long sent = sentUpTo.getOrDefault(doc.id(), 0L);
            doc.events().stream().filter(e -> e.version > sent)
                    .forEach(e -> events.add(new OutgoingEvent(Topics.COMPLAINT_EVENTS, doc.id(), e.json)));
        }
        if (!events.isEmpty() && publisher.publish(events) < events.size()) {
            return -1; // all or nothing: the transaction was aborted
        }
        for (Waiting doc : docs) {
            doc.events().stream().mapToLong(e -> e.version).max()
                    .ifPresent(last -> sentUpTo.merge(doc.id(), last, Math::max));
        }
        List<WriteModel<Complaint>> marks = new ArrayList<>();
        for (Waiting doc : docs) {
            if (doc.events().isEmpty()) {
                marks.add(new UpdateOneModel<>(ComplaintStore.atRevision(doc.id(), doc.revision()),
                        Updates.set("pendingSince", null)));
                continue;
            }
            long last = doc.events().stream().mapToLong(e -> e.version).max().orElseThrow();
            Bson sent = Updates.pull("pendingEvents", Filters.lte("version", last));
            // no write since the one relayed: nothing else waits, the marker goes with the events
            marks.add(new UpdateOneModel<>(ComplaintStore.atRevision(doc.id(), doc.revision()),
                    Updates.combine(sent, Updates.set("pendingSince", null))));
            // a write came in between: the sent events go all the same, its own events and the marker stay
            marks.add(new UpdateOneModel<>(Filters.eq("_id", doc.id()), sent));
        }
        Complaint.collection().bulkWrite(marks, UNORDERED);
        return docs.size();
    }
}
