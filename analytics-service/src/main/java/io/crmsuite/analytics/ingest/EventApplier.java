package io.crmsuite.analytics.ingest;

import java.time.Clock;
import java.util.Date;
import java.util.List;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.crmsuite.analytics.config.AnalyticsConfig;
import io.crmsuite.analytics.store.Buckets;
import io.crmsuite.analytics.store.Generation;
import io.crmsuite.analytics.store.Op;
import io.crmsuite.events.CloudEvent;
import io.crmsuite.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies each event exactly once. The aggregate's facts remember the last version applied (a duplicate or
 * redelivery is skipped) and, in the same write, the bucket operations the event causes; the operations are
 * then applied to the buckets, each at most once, and forgotten. A crash in between is completed the next time
 * the aggregate is touched.
 */
@ApplicationScoped
public class EventApplier {

    public enum Outcome {
        APPLIED,
        DUPLICATE
    }

    private final ComplaintProjector complaints;
    private final CustomerProjector customers;
    private final AnalyticsConfig config;
    private final Clock clock;

    EventApplier(AnalyticsConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.complaints = new ComplaintProjector(config.resolutionRule(), config.retentionWindow());
        this.customers = new CustomerProjector(complaints);
    }

    public Outcome apply(Generation g, CloudEvent event) {
        if (event.data() == null || !event.data().isObject()) {
            throw new IllegalArgumentException("event " + event.id() + " has no data object");
        }
        if (event.aggregateversion() < 1) {
            throw new IllegalArgumentException("event " + event.id() + " has no aggregate version");
        }
        boolean isComplaint = EventTypes.COMPLAINT_TYPES.contains(event.type());
        if (!isComplaint && !EventTypes.CUSTOMER_TYPES.contains(event.type())) {
            throw new IllegalArgumentException("unknown event type " + event.type());
        }
        MongoCollection<Document> facts = isComplaint ? g.complaints() : g.customers();
        String id = event.subject();
        Document state = facts.find(Filters.eq("_id", id)).first();
        if (state == null) {
            state = new Document();
        }
        completePending(g, facts, id, state);
        if (!state.isEmpty() && !state.containsKey("version")) {
            // facts started by another aggregate's event (a complainant's list of complaints): version 0 from here on
            facts.updateOne(Filters.eq("_id", id), Updates.set("version", 0L));
        }
        long last = state.get("version", 0L);
        if (event.aggregateversion() <= last) {
            return Outcome.DUPLICATE;
        }
        Projection projection = isComplaint ? complaints.project(state, event, g) : customers.project(state, event, g);
        List<Op> ops = projection.increments().ops();
        Document set = projection.set().append("version", event.aggregateversion())
                .append("pending", ops.stream().map(Op::toDocument).toList())
                .append("updatedAt", Date.from(clock.instant())).append("lastEventAt", Date.from(event.time()));
        try {
            // {_id, version} as one plain document: the local stand-in answers it from the unique index on both
            // (Generation); a missing aggregate is inserted, one written meanwhile makes it a duplicate key
            var written = facts.updateOne(new Document("_id", id).append("version", last), new Document("$set", set),
                    new UpdateOptions().upsert(true));
            if (written.getModifiedCount() + (written.getUpsertedId() == null ? 0 : 1) == 0) {
                return Outcome.DUPLICATE;
            }
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return Outcome.DUPLICATE; // another consumer applied this version first
            }
            throw e;
        }
        finish(g, facts, id, ops);
        g.meta().updateOne(Filters.eq("_id", "asOf"), Updates.max("at", Date.from(event.time())),
                new UpdateOptions().upsert(true));
        return Outcome.APPLIED;
    }

    private void completePending(Generation g, MongoCollection<Document> facts, String id, Document state) {
        List<Document> pending = state.getList("pending", Document.class, List.of());
        if (!pending.isEmpty()) {
            finish(g, facts, id, pending.stream().map(Op::fromDocument).toList());
        }
    }

    private void finish(Generation g, MongoCollection<Document> facts, String id, List<Op> ops) {
        for (Op op : ops) {
            Buckets.apply(g, op, config.opMemory());
        }
        if (!ops.isEmpty()) {
            facts.updateOne(Filters.eq("_id", id), Updates.set("pending", List.of()));
        }
    }
}
