package io.crmsuite.complaint.customers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

/**
 * Which complaints wait for a customer, under the key they were taken in with ({@code customer:<id>},
 * {@code email:<e-mail>}, {@code phone:<phone>}), in {@code waiting_complaints}:
 * <ul>
 * <li>an <b>entry</b> per complaint and key, {@code _id} = {@code <key>|<complaint id>}: an intake writes documents
 * of its own and never one another intake wrote. (The earlier layout, one document per key listing every complaint,
 * made a call center that posts one placeholder phone for every caller rewrite one ever-growing document on every
 * intake, and would have failed at MongoDB's 16 MB, about 300,000 complaints.)</li>
 * <li>a <b>marker</b> per key under which something waits, {@code _id} = {@code <key>}: a customer event learns in
 * one {@code $in} lookup which of its keys have anything waiting, and reads the entries of those only. Intake
 * writes it with {@code $setOnInsert}: once it exists, a later intake's upsert finds it and changes nothing.</li>
 * </ul>
 * The entries of a key are read by an anchored prefix regular expression on {@code _id}, every character but
 * letters and digits escaped: real MongoDB answers it as a range of the {@code _id} index ({@code ["<key>|",
 * "<key>}")}); the local stand-in matches it against every key of its {@code _id} index (the keys only, no
 * document but the matching ones). Entries go when their complaint is linked, a marker when nothing is left under
 * its key: an intake writes its entry before the marker, and a customer event that removed a marker reads the
 * entries again and puts it back if one came meanwhile, so no entry is left without its marker.
 * <p>
 * A marker of the earlier layout still lists complaints ({@code ids}): they are read and removed like entries, and
 * {@link #convertLegacy()} turns them into entries (see {@link LegacyWaitingConversion}).
 */
final class WaitingComplaints {

    private static final String COLLECTION = "waiting_complaints";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    /** Listed complaints of an earlier-layout marker turned into entries per round trip. */
    private static final int CONVERT_CHUNK = 1000;

    /** A complaint waiting under {@code key}; {@code listed}: in the key's marker, as the earlier layout kept it. */
    record Entry(String key, String complaintId, boolean listed) {
    }

    private WaitingComplaints() {
    }

    /** Called by intake before the complaint is stored: one round trip for all of its keys, entries first. */
    static void add(List<String> keys, String complaintId) {
        if (keys.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        keys.forEach(key -> writes.add(entryUpsert(key, complaintId)));
        keys.forEach(key -> writes.add(new UpdateOneModel<>(Filters.eq("_id", key), Updates.setOnInsert("key", key),
                UPSERT)));
        try {
            collection().bulkWrite(writes, new BulkWriteOptions().ordered(true));
        } catch (MongoBulkWriteException e) {
            // two intakes creating one marker at once: MongoDB retries such an upsert itself (an equality on _id);
            // should a duplicate key come through all the same, the writes are idempotent and go again
            if (e.getWriteErrors().stream().noneMatch(w -> ErrorCategory.fromErrorCode(w.getCode())
                    == ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
            collection().bulkWrite(writes, new BulkWriteOptions().ordered(true));
        }
    }

    /**
     * Removes the entries of linked complaints, under every key each waited with (one round trip); the markers stay
     * for the next customer event of those keys.
     */
    static void remove(Map<String, List<String>> keysByComplaint) {
        List<String> ids = new ArrayList<>();
        keysByComplaint.forEach((complaintId, keys) -> keys.forEach(key -> ids.add(entryId(key, complaintId))));
        if (!ids.isEmpty()) {
            collection().deleteMany(Filters.in("_id", ids));
        }
    }

    /**
     * The complaints waiting under each of {@code keys} that has a marker: one lookup for the markers, then one
     * prefix read per marked key.
     */
    static Map<String, List<Entry>> waitingUnder(List<String> keys) {
        Map<String, List<Entry>> waiting = new LinkedHashMap<>();
        for (Document marker : collection().find(Filters.in("_id", keys))) {
            String key = marker.getString("_id");
            waiting.put(key, entries(key, marker));
        }
        return waiting;
    }

    /** Everything waiting under {@code key}, marker or not (erasure: nothing may stay behind). */
    static List<Entry> waitingUnder(String key) {
        return entries(key, collection().find(Filters.eq("_id", key)).first());
    }

    private static List<Entry> entries(String key, Document marker) {
        List<Entry> entries = new ArrayList<>();
        if (marker != null) {
            marker.getList("ids", String.class, List.of()).forEach(id -> entries.add(new Entry(key, id, true)));
        }
        for (Document entry : collection().find(entriesOf(key))) {
            // a key may contain "|" (an e-mail may): the prefix of "email:a" also reads "email:a|b@..."'s entries
            if (key.equals(entry.getString("key"))) {
                entries.add(new Entry(key, entry.getString("complaintId"), false));
            }
        }
        return entries;
    }

    /** Removes listed complaints read by {@link #waitingUnder} from the marker of {@code key}. */
    static void removeListed(String key, List<Entry> entries) {
        List<String> listed = entries.stream().filter(Entry::listed).map(Entry::complaintId).toList();
        if (!listed.isEmpty()) {
            collection().updateOne(Filters.eq("_id", key), Updates.pullAll("ids", listed));
        }
    }

    /**
     * Removes the marker of a key nothing waits under any more (every entry read was removed). An intake may have
     * written its entry meanwhile: it writes the entry before the marker, so reading the entries after the removal
     * finds it, and the marker is put back.
     */
    static void dropMarker(String key) {
        collection().deleteOne(Filters.eq("_id", key));
        if (collection().find(entriesOf(key)).first() != null) {
            collection().updateOne(Filters.eq("_id", key), Updates.setOnInsert("key", key), UPSERT);
        }
    }

    /** Erasure: nothing waits under {@code key} any more, and the key itself goes too. */
    static void drop(String key) {
        collection().deleteMany(entriesOf(key));
        collection().deleteOne(Filters.eq("_id", key));
    }

    /**
     * Turns the complaints listed in markers of the earlier layout into entries; returns how many. Safe to run
     * beside everything else, in any number of replicas: entries are written (upserts) before the listed ids are
     * pulled from the marker, and when the marker is gone by then (a customer event linked everything, an erasure
     * dropped the key), the entries just written are removed again, so an erased key does not come back.
     */
    static int convertLegacy() {
        int converted = 0;
        List<Document> legacy = collection().find(Filters.exists("ids.0")).projection(new Document("ids", 1))
                .into(new ArrayList<>());
        for (Document marker : legacy) {
            String key = marker.getString("_id");
            List<String> ids = marker.getList("ids", String.class, List.of());
            for (int from = 0; from < ids.size(); from += CONVERT_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(from + CONVERT_CHUNK, ids.size()));
                collection().bulkWrite(chunk.stream().map(id -> entryUpsert(key, id)).toList(),
                        new BulkWriteOptions().ordered(false));
                if (collection().updateOne(Filters.eq("_id", key), Updates.pullAll("ids", chunk))
                        .getMatchedCount() == 0) {
                    collection().deleteMany(Filters.in("_id", chunk.stream().map(id -> entryId(key, id)).toList()));
                    break;
                }
                converted += chunk.size();
            }
        }
        return converted;
    }

    private static UpdateOneModel<Document> entryUpsert(String key, String complaintId) {
        return new UpdateOneModel<>(Filters.eq("_id", entryId(key, complaintId)),
                Updates.combine(Updates.setOnInsert("key", key), Updates.setOnInsert("complaintId", complaintId)),
                UPSERT);
    }

    static String entryId(String key, String complaintId) {
        return key + "|" + complaintId;
    }

    /**
     * {@code _id} starting with {@code <key>|}, every character but ASCII letters and digits escaped: a plain
     * prefix, which real MongoDB turns into a range of its index (an unescaped {@code |} would be an alternation,
     * which reads the whole index; {@code \Q...\E} quoting loses the range too).
     */
    static Bson entriesOf(String key) {
        return Filters.regex("_id", Pattern.compile(prefixPattern(key + "|")));
    }

    static String prefixPattern(String prefix) {
        StringBuilder pattern = new StringBuilder("^");
        for (char c : prefix.toCharArray()) {
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return pattern.toString();
    }

    private static MongoCollection<Document> collection() {
        return KnownCustomer.mongoDatabase().getCollection(COLLECTION);
    }
}
