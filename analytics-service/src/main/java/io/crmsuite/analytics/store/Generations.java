package io.crmsuite.analytics.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which generation is live and which is being built, kept in MongoDB ({@code analytics_control}, one document),
 * so every replica follows a rebuild's switch: each reads the document every second and runs the consumer groups
 * of the generations it names. Every change of the document is conditional on what it held, so two replicas
 * never both start a rebuild or both switch.
 */
@ApplicationScoped
public class Generations {

    private static final Logger LOG = Logger.getLogger(Generations.class);
    private static final String ID = "generations";
    /**
     * The version of what the projections write. A generation filled by an earlier version (its control document
     * says a lower {@code activeLayout}, or nothing) is rebuilt from the topics on start, see LayoutUpgrade.
     * Raise it whenever a projection changes what it counts or how.
     */
    public static final int LAYOUT = 3;

    /** What the control document says. {@code building} and {@code previous} are null when there is none. */
    public record State(int active, Integer building, Integer previous, int next, Build build, int activeLayout) {
    }

    /** The last rebuild: its generation, state (RUNNING, DONE, FAILED), the topics' ends when it started. */
    public record Build(String id, int generation, String state, Instant startedAt, Instant finishedAt,
            Map<TopicPartition, Long> ends, String error, long invalid, int layout) {
    }

    private final MongoDatabase db;
    private final MongoCollection<Document> control;
    private final Map<Integer, Generation> known = new ConcurrentHashMap<>();
    private volatile State state;

    Generations(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.db = client.getDatabase(database);
        this.control = db.getCollection("analytics_control");
    }

    public Generation generation(int number) {
        return known.computeIfAbsent(number, n -> Generation.of(db, n));
    }

    /** The generation queries read. */
    public Generation active() {
        State current = state;
        return generation(current == null ? refresh().active() : current.active());
    }

    public State state() {
        State current = state;
        return current == null ? refresh() : current;
    }

    /** Reads the control document (creating it, with generation 1 live, on the first start). */
    public State refresh() {
        Document doc = control.find(Filters.eq("_id", ID)).first();
        if (doc == null) {
            dropLegacyLayout();
            Generation first = generation(1);
            first.createIndexes();
            try {
                control.insertOne(new Document("_id", ID).append("active", 1).append("next", 2)
                        .append("activeLayout", LAYOUT));
                LOG.info("analytics state: generation 1 is live, filled from the start of the topics");
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            doc = control.find(Filters.eq("_id", ID)).first();
        }
        state = parse(doc);
        return state;
    }

    /**
     * Starts a rebuild: a fresh generation (its collections emptied and indexed) becomes the one being built.
     * False when one is being built already.
     */
    public boolean beginBuild(String id, Map<TopicPartition, Long> ends, Instant now) {
        State current = refresh();
        if (current.building() != null) {
            return false;
        }
        Generation target = generation(current.next());
        target.drop();
        target.createIndexes();
        List<Document> endDocs = new ArrayList<>();
        ends.forEach((tp, offset) -> endDocs.add(new Document("topic", tp.topic()).append("partition", tp.partition())
                .append("offset", offset)));
        Document build = new Document("id", id).append("generation", target.number()).append("state", "RUNNING")
                .append("startedAt", Date.from(now)).append("ends", endDocs).append("invalid", 0L)
                .append("layout", LAYOUT);
        boolean begun = change(Filters.and(Filters.eq("_id", ID), Filters.eq("building", null),
                Filters.eq("next", current.next())), Updates.combine(Updates.set("building", target.number()),
                Updates.set("next", current.next() + 1), Updates.set("build", build)));
        refresh();
        return begun;
    }

    /** The built generation becomes live; the one it replaces is dropped a little later (queries in flight). */
    public boolean switchTo(int building, int active, Instant now) {
        Build build = refresh().build();
        int layout = build == null ? LAYOUT : build.layout();
        boolean switched = change(Filters.and(Filters.eq("_id", ID), Filters.eq("active", active),
                Filters.eq("building", building)), Updates.combine(Updates.set("active", building),
                Updates.set("building", null), Updates.set("previous", active), Updates.set("build.state", "DONE"),
                Updates.set("build.finishedAt", Date.from(now)), Updates.set("switchedAt", Date.from(now)),
                Updates.set("activeLayout", layout)));
        refresh();
        return switched;
    }

    /** The rebuild stops with its reason; the live generation stays. */
    public boolean failBuild(int building, String reason, Instant now) {
        boolean failed = change(Filters.and(Filters.eq("_id", ID), Filters.eq("building", building)),
                Updates.combine(Updates.set("building", null), Updates.set("build.state", "FAILED"),
                        Updates.set("build.error", reason), Updates.set("build.finishedAt", Date.from(now))));
        refresh();
        return failed;
    }

    /** Claims the replaced generation for dropping: true for exactly one replica. */
    public boolean forgetPrevious(int previous) {
        return change(Filters.and(Filters.eq("_id", ID), Filters.eq("previous", previous)), Updates.set("previous", null));
    }

    /** When the last switch happened, or null. */
    public Instant switchedAt() {
        Document doc = control.find(Filters.eq("_id", ID)).first();
        return doc == null || doc.getDate("switchedAt") == null ? null : doc.getDate("switchedAt").toInstant();
    }

    /** Events of the rebuild that were invalid (already dead-lettered by the live consumer): counted, not skipped. */
    public void countInvalid(int building, long count) {
        change(Filters.and(Filters.eq("_id", ID), Filters.eq("building", building)), Updates.inc("build.invalid", count));
    }

    private boolean change(Bson filter, Bson update) {
        return control.updateOne(filter, update).getModifiedCount() == 1;
    }

    private static State parse(Document doc) {
        Document b = doc.get("build", Document.class);
        Build build = null;
        if (b != null) {
            Map<TopicPartition, Long> ends = new java.util.LinkedHashMap<>();
            for (Document e : b.getList("ends", Document.class, List.of())) {
                ends.put(new TopicPartition(e.getString("topic"), e.getInteger("partition")), e.getLong("offset"));
            }
            build = new Build(b.getString("id"), b.getInteger("generation"), b.getString("state"),
                    instant(b.getDate("startedAt")), instant(b.getDate("finishedAt")), ends, b.getString("error"),
                    b.get("invalid", 0L), b.getInteger("layout", 1));
        }
        return new State(doc.getInteger("active"), doc.getInteger("building"), doc.getInteger("previous"),
                doc.getInteger("next"), build, doc.getInteger("activeLayout", 1));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** Collections of the layout before generations had consumer groups of their own: replayed into the new one. */
    private void dropLegacyLayout() {
        List<String> legacy = new ArrayList<>();
        for (String name : db.listCollectionNames()) {
            if (name.matches("(daily|complaint_facts|customer_facts|meta)_g\\d+")) {
                legacy.add(name);
            }
        }
        if (!legacy.isEmpty()) {
            legacy.forEach(name -> db.getCollection(name).drop());
            control.deleteOne(Filters.eq("_id", "active"));
            LOG.infof("analytics state: dropped %s of the earlier layout; the topics are replayed into the new one",
                    legacy);
        }
    }
}
