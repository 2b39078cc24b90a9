package de.bwaldvogel.mongo.backend.h2;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A secondary index on one top-level field, ascending: where the library keeps none (it logs "not yet implemented"
 * and answers every query by reading the whole collection). Its map holds {@code (value, _id) -> position} for each
 * value of the field in a document (a missing field as null, an array as each element), ordered by value
 * ({@link ValueOrderedKeysH2Backend.ValueOrderedKeys}).
 * <p>
 * It answers one shape of query only: {@code {field: {$lt: date}}} or {@code $lte}, the outbox sweep's
 * ({@code pendingSince} older than ten seconds, every ten seconds in every complaint-service replica), which read
 * every complaint before: a third of a second per sweep with 25,000 complaints stored. MongoDB brackets such a
 * comparison by type, so only dates match; the positions are those of the keys from the smallest date up to the
 * bound, and the library matches each document against the whole query all the same. Any other query on the
 * field is answered as before, by reading the collection.
 */
final class SingleFieldIndex extends Index<Object> {

    /** Before every date: the library reads a BSON date as an Instant of its millisecond. */
    private static final Instant SMALLEST_DATE = Instant.ofEpochMilli(Long.MIN_VALUE);

    private final MVMap<KeyValue, Object> map;
    private final String field;

    SingleFieldIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys) {
        super(name, keys, false);
        this.map = map;
        this.field = keys.get(0).getKey();
    }

    /** Which index definitions this index stands for: one top-level field, ascending. */
    static boolean covers(List<IndexKey> keys) {
        return keys.size() == 1 && keys.get(0).isAscending() && !keys.get(0).getKey().contains(".")
                && !keys.get(0).getKey().equals("_id");
    }

    private Set<KeyValue> keysOf(Document document) {
        Object id = document.get("_id");
        Set<KeyValue> keys = new LinkedHashSet<>();
        for (KeyValue value : getKeyValues(document)) {
            keys.add(new KeyValue(value.get(0), id));
        }
        return keys;
    }

    @Override
    public Object getPosition(Document document) {
        return null; // not unique: it never names the one document a query or an upsert is about
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        keysOf(document).forEach(key -> map.put(key, position));
    }

    @Override
    public Object remove(Document document) {
        Object position = null;
        for (KeyValue key : keysOf(document)) {
            position = map.remove(key);
        }
        return position;
    }

    @Override
    public boolean canHandle(Document query) {
        return query.size() == 1 && query.get(field) instanceof Document condition && condition.size() == 1
                && (condition.get("$lt") instanceof Instant || condition.get("$lte") instanceof Instant);
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        Document condition = (Document) query.get(field);
        boolean inclusive = condition.containsKey("$lte");
        Instant bound = (Instant) (inclusive ? condition.get("$lte") : condition.get("$lt"));
        Set<Object> positions = new LinkedHashSet<>();
        Cursor<KeyValue, Object> cursor = map.cursor(new KeyValue(SMALLEST_DATE));
        while (cursor.hasNext()) {
            KeyValue key = cursor.next();
            if (!(key.get(0) instanceof Instant date) || date.isAfter(bound) || (!inclusive && date.equals(bound))) {
                break; // past the bound, or past the dates (the types after them in MongoDB's order)
            }
            positions.add(cursor.getValue());
        }
        return positions;
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return getCount(); // as the library's H2 index answers it: there is no cheaper measure of an MVMap's size
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
            MongoCollection<Object> collection) {
        Set<KeyValue> before = keysOf(oldDocument);
        Set<KeyValue> after = keysOf(newDocument);
        if (before.equals(after)) {
            return;
        }
        before.stream().filter(key -> !after.contains(key)).forEach(map::remove);
        after.stream().filter(key -> !before.contains(key)).forEach(key -> map.put(key, position));
    }

    @Override
    public void drop() {
        map.clear();
    }

    @Override
    public boolean isUnique() {
        return false;
    }
}
