package io.crmsuite.complaint.outbox;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.events.Topics;
import io.crmsuite.platform.events.EventPublisher;
import io.crmsuite.platform.events.OutgoingEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends the events stored in complaint documents to Kafka, oldest first, and removes each from its document once
 * the broker acknowledged it. While Kafka is down the events simply stay in the documents.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final int BATCH = 200;

    private final EventPublisher publisher;
    private final RelayLease lease;

    OutboxRelay(EventPublisher publisher, RelayLease lease) {
        this.publisher = publisher;
        this.lease = lease;
    }

    @Scheduled(every = "${crm.outbox.poll-interval:0.2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        if (!lease.acquire()) {
            return;
        }
        int sent;
        do {
            sent = relayBatch();
        } while (sent > 0 && sent >= BATCH);
    }

    /** Returns how many documents were fully relayed. */
    int relayBatch() {
        List<Complaint> docs = Complaint.collection().find(Filters.ne("pendingSince", null))
                .projection(Projections.include("pendingEvents")).sort(Sorts.ascending("pendingSince")).limit(BATCH)
                .into(new ArrayList<>());
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
            Complaint.collection().updateOne(Filters.eq("_id", doc.id),
                    Updates.pull("pendingEvents", Filters.lte("version", lastSent)));
            Complaint.collection().updateOne(Filters.and(Filters.eq("_id", doc.id), Filters.size("pendingEvents", 0)),
                    Updates.set("pendingSince", null));
            done++;
        }
        return done;
    }
}
