package io.crmsuite.analytics.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;

import io.crmsuite.analytics.config.AnalyticsConfig;
import io.crmsuite.analytics.store.AppliedMarks;
import io.crmsuite.analytics.store.BucketBatch;
import io.crmsuite.analytics.store.BucketWriter;
import io.crmsuite.analytics.store.Generation;
import io.crmsuite.events.CloudEvent;
import io.crmsuite.events.EventTypes;
import io.crmsuite.platform.consumer.InvalidEventException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies a batch of events to a generation, each exactly once, without transactions:
 * <ol>
 * <li>the facts of every aggregate in the batch are read (by {@code _id}) and the events projected in order, in
 * memory, skipping any at or below the aggregate's stored version (a duplicate or redelivery);
 * <li>the increments, folded per bucket, are written first: each bucket document holds one partition's counts and
 * the offset of the last event in them, so a redelivered batch adds nothing twice;
 * <li>the retention books of the customers concerned (shared by both topics) are changed, see {@link RetentionBook};
 * <li>the purchases recorded are upserted by their id ({@code purchases_g<N>}, for value by tier);
 * <li>the facts are written last, conditional on the version read.
 * </ol>
 * A crash anywhere is completed by the redelivery: what was written is skipped by offset or version, what was not
 * is projected from the facts as they still are.
 */
@ApplicationScoped
public class BatchApplier {

    /** What a batch did: events applied, duplicates skipped, and the invalid ones with their reason. */
    public record Outcome(int applied, int duplicates, List<Invalid> invalid) {
    }

    /** An event that cannot be applied, and why. */
    public record Invalid(SourceEvent source, String reason) {
    }

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final ComplaintProjector complaints;
    private final CustomerProjector customers;
    private final RetentionBook retention;
    private final Clock clock;

    BatchApplier(AnalyticsConfig config, Clock clock) {
        this.clock = clock;
        this.complaints = new ComplaintProjector(config.resolutionRule());
        this.customers = new CustomerProjector();
        this.retention = new RetentionBook(config.retentionWindow());
    }

    public Outcome apply(Generation g, List<SourceEvent> batch) {
        Facts complaintFacts = Facts.load(g.complaints(), ids(batch, true));
        Facts customerFacts = Facts.load(g.customers(), ids(batch, false));
        BucketBatch buckets = new BucketBatch();
        List<Map.Entry<SourceEvent, RetentionChange>> retentionChanges = new ArrayList<>();
        List<Document> purchases = new ArrayList<>();
        Map<String, Instant> newest = new HashMap<>();
        List<Invalid> invalid = new ArrayList<>();
        int applied = 0;
        int duplicates = 0;
        Date now = Date.from(clock.instant());
        for (SourceEvent source : batch) {
            CloudEvent event = source.event();
            Facts facts = source.isComplaint() ? complaintFacts : customerFacts;
            Document state = facts.of(event.subject());
            if (event.aggregateversion() <= state.get("version", 0L)) {
                duplicates++;
                continue;
            }
            Projection projection;
            try {
                projection = project(source, state);
            } catch (InvalidEventException | IllegalArgumentException e) {
                invalid.add(new Invalid(source, e.getMessage()));
                continue;
            }
            state.putAll(projection.set());
            state.append("version", event.aggregateversion()).append("updatedAt", now)
                    .append("lastEventAt", Date.from(event.time()));
            buckets.add(source.shard(), source.offset(), projection.increments());
            if (projection.retention() != null) {
                retentionChanges.add(Map.entry(source, projection.retention()));
            }
            if (projection.purchase() != null) {
                purchases.add(projection.purchase());
            }
            newest.merge(source.shard(), event.time(), (a, b) -> a.isAfter(b) ? a : b);
            applied++;
        }
        BucketWriter.write(g.buckets(), buckets);
        retentionChanges.forEach(change -> retention.apply(g, change.getKey(), change.getValue()));
        savePurchases(g, purchases);
        complaintFacts.save();
        customerFacts.save();
        AppliedMarks.record(g, newest);
        return new Outcome(applied, duplicates, invalid);
    }

    /** A purchase is the same document however often its event comes: a replace by id, an upsert. */
    private static void savePurchases(Generation g, List<Document> purchases) {
        if (!purchases.isEmpty()) {
            g.purchases().bulkWrite(purchases.stream().map(p -> new ReplaceOneModel<>(Filters.eq("_id", p.get("_id")),
                    p, new ReplaceOptions().upsert(true))).toList(), new BulkWriteOptions().ordered(false));
        }
    }

    /** Completes retention changes journaled by a process that died before applying them. */
    public void completeJournals(Generation g) {
        retention.completeAllJournals(g);
    }

    private Projection project(SourceEvent source, Document state) {
        CloudEvent event = source.event();
        if (event.data() == null || !event.data().isObject()) {
            throw new InvalidEventException("event " + event.id() + " has no data object");
        }
        if (event.aggregateversion() < 1) {
            throw new InvalidEventException("event " + event.id() + " has no aggregate version");
        }
        boolean known = source.isComplaint() ? EventTypes.COMPLAINT_TYPES.contains(event.type())
                : EventTypes.CUSTOMER_TYPES.contains(event.type());
        if (!known) {
            throw new InvalidEventException("unknown event type " + event.type() + " on " + source.topic());
        }
        return source.isComplaint() ? complaints.project(state, event) : customers.project(state, event);
    }

    private static List<String> ids(List<SourceEvent> batch, boolean complaintEvents) {
        return batch.stream().filter(s -> s.isComplaint() == complaintEvents).map(s -> s.event().subject())
                .distinct().toList();
    }

    /** The facts of the aggregates of a batch: read by {@code _id} up front, written back once, conditionally. */
    private static final class Facts {
        private final MongoCollection<Document> collection;
        private final Map<String, Document> byId = new LinkedHashMap<>();
        private final Map<String, Long> readVersions = new HashMap<>();

        private Facts(MongoCollection<Document> collection) {
            this.collection = collection;
        }

        static Facts load(MongoCollection<Document> collection, List<String> ids) {
            Facts facts = new Facts(collection);
            if (!ids.isEmpty()) {
                for (Document d : collection.find(Filters.in("_id", ids))) {
                    facts.byId.put(d.getString("_id"), d);
                    facts.readVersions.put(d.getString("_id"), d.get("version", 0L));
                }
            }
            return facts;
        }

        Document of(String id) {
            return byId.computeIfAbsent(id, k -> new Document("_id", k));
        }

        /**
         * Writes the changed facts, each conditional on the version read ({@code {_id, version}}, a unique index):
         * a fact another consumer wrote meanwhile (a rebalance) is left as it is, since that consumer applied the
         * same events.
         */
        void save() {
            List<UpdateOneModel<Document>> writes = new ArrayList<>();
            byId.forEach((id, doc) -> {
                long read = readVersions.getOrDefault(id, 0L);
                if (doc.get("version", 0L) > read) {
                    Document fields = new Document(doc);
                    fields.remove("_id");
                    writes.add(new UpdateOneModel<>(new Document("_id", id).append("version", read),
                            new Document("$set", fields), UPSERT));
                }
            });
            if (writes.isEmpty()) {
                return;
            }
            try {
                collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                for (BulkWriteError error : e.getWriteErrors()) {
                    if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                }
            }
        }
    }
}
