package io.crmsuite.complaint.complaint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.bson.BsonDocument;
import org.bson.BsonDocumentWriter;
import org.bson.Document;
import org.bson.codecs.EncoderContext;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;

import io.crmsuite.complaint.outbox.OutboxRelay;
import io.crmsuite.complaint.sla.SlaTimers;
import io.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/**
 * Loads and saves complaints. A save is conditional on the revision that was read: two writers (an agent's
 * action and the SLA scanner, or two replicas) never overwrite each other; the loser reloads and tries again.
 */
@ApplicationScoped
public class ComplaintStore {

    private static final int ATTEMPTS = 5;
    /**
     * How far ahead a next check must lie for its timer to be left alone by a save that did not move it: the
     * scanner takes a timer out only once it is due, so one further ahead than this (replica clocks agree to well
     * within it) is still in place, and writing it again would change nothing.
     */
    private static final Duration TIMER_IN_PLACE_AHEAD = Duration.ofMinutes(1);
    private static final List<String> STORED_FIELDS = java.util.Arrays.stream(Complaint.class.getDeclaredFields())
            .filter(f -> !java.lang.reflect.Modifier.isStatic(f.getModifiers())).map(java.lang.reflect.Field::getName)
            .filter(n -> !List.of("id", "pendingEvents", "pendingSince").contains(n)).toList();

    private final OutboxRelay relay;
    private final SlaTimers timers;
    private final Event<ComplaintWritten> written;
    private final Clock clock;

    ComplaintStore(OutboxRelay relay, SlaTimers timers, Event<ComplaintWritten> written, Clock clock) {
        this.relay = relay;
        this.timers = timers;
        this.written = written;
        this.clock = clock;
    }

    public Complaint get(String id) {
        Complaint complaint = id == null ? null : Complaint.findById(id);
        if (complaint == null) {
            throw ProblemException.notFound("complaint " + id);
        }
        return complaint;
    }

    /**
     * Applies {@code change} to the current complaint and saves it if nobody else saved in between; otherwise
     * reloads and applies it again. {@code change} validates (and may refuse) against the state it is given, and
     * answers false when there is nothing to write.
     */
    public Complaint updateIf(String id, Predicate<Complaint> change) {
        return updateIf(get(id), change);
    }

    /** The same, from a complaint just read whole (one read fewer when the caller has read it already). */
    public Complaint updateIf(Complaint read, Predicate<Complaint> change) {
        Complaint complaint = read;
        for (int attempt = 1; ; attempt++) {
            long readRevision = complaint.revision;
            long readVersion = complaint.version;
            Instant readCheck = complaint.nextSlaCheckAt;
            if (!change.test(complaint) || save(complaint, readRevision, readVersion, readCheck)) {
                return complaint;
            }
            if (attempt == ATTEMPTS) {
                throw ProblemException.of(409, "the complaint is being changed by others right now; try again");
            }
            complaint = get(complaint.id);
        }
    }

    /**
     * Writes {@code complaint} if the stored one is still at {@code readRevision} (false when someone was faster).
     * The events added since {@code readVersion} are appended with {@code $push}, never written over the list: the
     * relay removes sent events from the same list concurrently, and a whole-document write would put them back.
     */
    public boolean saveIfUnchanged(Complaint complaint, long readRevision, long readVersion) {
        return save(complaint, readRevision, readVersion, null);
    }

    /**
     * {@code readCheck}: the next check of the complaint as read, when its timer is known to be in place (null: not
     * known, as for the scanner, which took the timer out). A save that leaves a next check far enough ahead where
     * it was does not write its timer again: a handling action or a link costs one round trip fewer.
     */
    private boolean save(Complaint complaint, long readRevision, long readVersion, Instant readCheck) {
        complaint.revision = readRevision + 1;
        BsonDocument fields = new BsonDocument();
        Complaint.collection().getCodecRegistry().get(Complaint.class)
                .encode(new BsonDocumentWriter(fields), complaint, EncoderContext.builder().build());
        fields.remove("_id");
        fields.remove("pendingEvents");
        fields.remove("pendingSince");
        List<Bson> update = new ArrayList<>(List.of(new BsonDocument("$set", fields)));
        // the codec leaves null fields out: those must be removed, or a cleared resolution would survive
        STORED_FIELDS.stream().filter(f -> !fields.containsKey(f)).forEach(f -> update.add(Updates.unset(f)));
        List<Document> added = complaint.pendingEvents.stream().filter(e -> e.version > readVersion)
                .map(e -> new Document("version", e.version).append("json", e.json)).toList();
        if (!added.isEmpty()) {
            update.add(Updates.pushEach("pendingEvents", added));
            update.add(Updates.set("pendingSince", complaint.updatedAt));
        }
        UpdateResult result = Complaint.collection().updateOne(atRevision(complaint.id, readRevision),
                Updates.combine(update));
        boolean saved = result.getMatchedCount() == 1;
        if (saved) {
            if (readCheck == null || !readCheck.equals(complaint.nextSlaCheckAt)
                    || !readCheck.isAfter(clock.instant().plus(TIMER_IN_PLACE_AHEAD))) {
                timers.saved(complaint);
            }
            if (!added.isEmpty()) {
                relay.wrote(complaint);
            }
            written.fire(new ComplaintWritten(complaint, readVersion));
        }
        return saved;
    }

    /**
     * The filter {@code {_id, revision}} as one plain document: the local MongoDB stand-in answers it from the
     * unique index on both fields ({@link ComplaintQueries}), where {@code $and} or any other shape reads every
     * complaint. Real MongoDB answers either from {@code _id}.
     */
    public static Document atRevision(String id, long revision) {
        return new Document("_id", id).append("revision", revision);
    }

    /** Stores a new complaint (E11000 when its id exists) and has its first event relayed. */
    public void insert(Complaint complaint) {
        complaint.persist();
        timers.saved(complaint);
        relay.wrote(complaint);
    }
}
