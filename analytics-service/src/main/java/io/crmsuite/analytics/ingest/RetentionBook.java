package io.crmsuite.analytics.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.crmsuite.analytics.store.BucketBatch;
import io.crmsuite.analytics.store.BucketWriter;
import io.crmsuite.analytics.store.Generation;
import io.crmsuite.analytics.store.Increments;

/**
 * Retention by resolution, per customer: one document holds the customer's recent purchases and its complaints'
 * outcome classes ({@code r.<class>.complainants} / {@code .boughtAgain} on the day each complaint was received).
 * Complaint events and purchases reach it from two topics read concurrently; every change is a write conditional
 * on the document's revision, so they are serialised on the customer and none is computed from a stale view.
 * <p>
 * The bucket increments a change causes go into the same write as the change (a journal, {@code pending}), and are
 * then applied to the retention buckets of the event's partition ({@code <day>|r<shard>}), guarded by the event's
 * offset like every bucket, and removed from the journal. A process dying in between leaves the journal; the
 * event is redelivered (its offset was not committed) and finds its change applied, so it completes the journal,
 * and every consumer also completes what it finds journaled when it starts.
 */
final class RetentionBook {

    static final int MAX_PURCHASES = 100;
    /** Complaints kept per customer; beyond, the oldest resolved ones keep their counts but no longer change. */
    static final int MAX_COMPLAINTS = 1000;

    private final Duration window;

    RetentionBook(Duration window) {
        this.window = window;
    }

    /** Applies {@code change}, caused by {@code source}, once. */
    void apply(Generation g, SourceEvent source, RetentionChange change) {
        String shard = "r" + source.shard();
        while (true) {
            Document book = g.retention().find(Filters.eq("_id", change.customerId())).first();
            completeJournal(g, book, shard, source.offset());
            if (alreadyApplied(book, change)) {
                return;
            }
            long rev = book == null ? 0 : book.get("rev", 0L);
            Document next = book == null ? new Document() : new Document(book);
            Increments inc = change.isPurchase() ? purchase(next, change) : complaint(next, change);
            List<org.bson.conversions.Bson> update = new ArrayList<>(List.of(
                    Updates.set("rev", rev + 1),
                    Updates.set("purchases", next.get("purchases")),
                    Updates.set("purchasesVersion", next.get("purchasesVersion", 0L)),
                    Updates.set("complaints", next.get("complaints", new Document()))));
            Document entry = null;
            if (!inc.isEmpty()) {
                entry = new Document("shard", shard).append("offset", source.offset())
                        .append("inc", new Document(inc.byDay()));
                update.add(Updates.push("pending", entry));
            }
            if (write(g, change.customerId(), rev, update)) {
                if (entry != null) {
                    applyJournalEntry(g, change.customerId(), entry);
                }
                return;
            }
            // the other topic's consumer changed this customer first: read again, compute again
        }
    }

    /** Applies whatever is journaled (after a crash), in offset order per shard. */
    void completeAllJournals(Generation g) {
        for (Document book : g.retention().find(Filters.exists("pending.shard"))) {
            List<Document> entries = new ArrayList<>(book.getList("pending", Document.class, List.of()));
            entries.sort(Comparator.comparing((Document e) -> e.getString("shard"))
                    .thenComparing(e -> e.getLong("offset")));
            entries.forEach(e -> applyJournalEntry(g, book.getString("_id"), e));
        }
    }

    private static void completeJournal(Generation g, Document book, String shard, long offset) {
        if (book == null) {
            return;
        }
        book.getList("pending", Document.class, List.of()).stream()
                .filter(e -> shard.equals(e.getString("shard")) && e.getLong("offset") <= offset)
                .sorted(Comparator.comparing(e -> e.getLong("offset")))
                .forEach(e -> applyJournalEntry(g, book.getString("_id"), e));
    }

    private static void applyJournalEntry(Generation g, String customerId, Document entry) {
        BucketBatch batch = new BucketBatch();
        entry.get("inc", Document.class).forEach((day, inc) ->
                batch.add(entry.getString("shard"), entry.getLong("offset"), day, (Document) inc));
        BucketWriter.write(g.buckets(), batch);
        g.retention().updateOne(Filters.eq("_id", customerId), Updates.pull("pending",
                new Document("shard", entry.getString("shard")).append("offset", entry.getLong("offset"))));
    }

    private static boolean alreadyApplied(Document book, RetentionChange change) {
        if (book == null) {
            return false;
        }
        if (change.isPurchase()) {
            return book.get("purchasesVersion", 0L) >= change.version();
        }
        Document entry = book.get("complaints", new Document()).get(change.complaintId(), Document.class);
        return entry != null && entry.get("v", 0L) >= change.version();
    }

    /** A purchase: complaints whose window it falls in bought again. */
    private Increments purchase(Document book, RetentionChange change) {
        Increments inc = new Increments();
        List<Date> purchases = new ArrayList<>(book.getList("purchases", Date.class, List.of()));
        purchases.add(Date.from(change.purchasedAt()));
        purchases.sort(null);
        book.put("purchases", purchases.size() > MAX_PURCHASES
                ? new ArrayList<>(purchases.subList(purchases.size() - MAX_PURCHASES, purchases.size())) : purchases);
        book.put("purchasesVersion", change.version());
        Document complaints = new Document(book.get("complaints", new Document()));
        complaints.forEach((id, value) -> {
            Document entry = new Document((Document) value);
            if (!entry.getBoolean("bought") && within(entry.getDate("ref").toInstant(), change.purchasedAt())) {
                entry.put("bought", true);
                inc.add(entry.getString("day"), "r." + entry.getString("cls") + ".boughtAgain", 1);
                complaints.put(id, entry);
            }
        });
        book.put("complaints", complaints);
        return inc;
    }

    /** A complaint's class or reference time moved: its old contribution goes, the new one comes. */
    private Increments complaint(Document book, RetentionChange change) {
        Increments inc = new Increments();
        Document complaints = new Document(book.get("complaints", new Document()));
        Document old = complaints.get(change.complaintId(), Document.class);
        if (old != null) {
            inc.add(old.getString("day"), "r." + old.getString("cls") + ".complainants", -1);
            inc.add(old.getString("day"), "r." + old.getString("cls") + ".boughtAgain", old.getBoolean("bought") ? -1 : 0);
        }
        boolean bought = book.getList("purchases", Date.class, List.of()).stream()
                .anyMatch(t -> within(change.reference(), t.toInstant()));
        inc.add(change.day(), "r." + change.resolutionClass() + ".complainants", 1);
        inc.add(change.day(), "r." + change.resolutionClass() + ".boughtAgain", bought ? 1 : 0);
        complaints.put(change.complaintId(), new Document("day", change.day()).append("cls", change.resolutionClass())
                .append("ref", Date.from(change.reference())).append("bought", bought).append("v", change.version()));
        book.put("complaints", capped(complaints));
        return inc;
    }

    /** "Bought again": a purchase after the reference time, within the window. */
    private boolean within(Instant reference, Instant purchase) {
        return purchase.isAfter(reference) && !purchase.isAfter(reference.plus(window));
    }

    /** Keeps the document bounded: drops the resolved complaints with the oldest reference times first. */
    private static Document capped(Document complaints) {
        if (complaints.size() <= MAX_COMPLAINTS) {
            return complaints;
        }
        List<Map.Entry<String, Object>> resolved = new ArrayList<>(complaints.entrySet().stream()
                .filter(e -> !"UNRESOLVED".equals(((Document) e.getValue()).getString("cls"))).toList());
        resolved.sort(Comparator.comparing(e -> ((Document) e.getValue()).getDate("ref")));
        Document kept = new Document(complaints);
        for (int i = 0; i < resolved.size() && kept.size() > MAX_COMPLAINTS; i++) {
            kept.remove(resolved.get(i).getKey());
        }
        return kept;
    }

    private static boolean write(Generation g, String customerId, long rev, List<org.bson.conversions.Bson> update) {
        try {
            var result = g.retention().updateOne(new Document("_id", customerId).append("rev", rev),
                    Updates.combine(update), new UpdateOptions().upsert(true));
            return result.getModifiedCount() + (result.getUpsertedId() == null ? 0 : 1) == 1;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
