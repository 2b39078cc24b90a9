package de.bwaldvogel.mongo.backend.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The index answers the outbox sweep's query ({@code pendingSince} before a moment) with the positions of the
 * matching documents alone, where the library read every document; other queries are left to the library.
 */
class SingleFieldIndexTest {

    private static final Instant T10 = Instant.ofEpochMilli(10_000);
    private static final Instant T20 = Instant.ofEpochMilli(20_000);
    private static final Instant T30 = Instant.ofEpochMilli(30_000);

    private final MVStore store = MVStore.open(null);
    private final SingleFieldIndex index = new SingleFieldIndex(store.openMap("t._index_pendingSince_1",
            new MVMap.Builder<KeyValue, Object>().keyType(new ValueOrderedKeysH2Backend.ValueOrderedKeys())),
            "pendingSince_1", List.of(new IndexKey("pendingSince", true)));

    private void add(String id, Object pendingSince) {
        Document doc = new Document("_id", id);
        if (pendingSince != Missing.FIELD) {
            doc.append("pendingSince", pendingSince);
        }
        index.add(doc, "pos-" + id, null);
    }

    private enum Missing { FIELD }

    private static Document before(String operator, Instant bound) {
        return new Document("pendingSince", new Document(operator, bound));
    }

    private List<Object> positions(Document query) {
        List<Object> found = new ArrayList<>();
        index.getPositions(query).forEach(found::add);
        return found;
    }

    @Test
    void theSweepsQueryGetsTheDocumentsWaitingSinceBeforeTheMomentOnly() {
        add("sent", null); // the relay cleared it
        add("never", Missing.FIELD);
        add("late", T30);
        add("early", T10);
        add("text", "2026-01-01"); // not a date: MongoDB compares a date with dates only
        add("number", 5L);
        add("at-bound", T20);
        add("both", List.of(T30, T10)); // an array: each element is a key, the document comes once

        assertTrue(index.canHandle(before("$lt", T20)));
        // in the order of the dates, then of the ids ("both" has T10 too)
        assertEquals(List.of("pos-both", "pos-early"), positions(before("$lt", T20)));
        assertEquals(List.of("pos-both", "pos-early", "pos-at-bound"), positions(before("$lte", T20)));
        assertEquals(List.of(), positions(before("$lt", T10)));
    }

    @Test
    void aChangedOrRemovedDocumentMovesOrLeavesItsKey() {
        add("a", T10);
        add("b", T10);
        index.updateInPlace(new Document("_id", "a").append("pendingSince", T10),
                new Document("_id", "a").append("pendingSince", null), "pos-a", null); // sent
        index.updateInPlace(new Document("_id", "b").append("pendingSince", T10),
                new Document("_id", "b").append("pendingSince", T30), "pos-b", null); // written again later
        add("c", T10);
        index.remove(new Document("_id", "c").append("pendingSince", T10));

        assertEquals(List.of(), positions(before("$lt", T20)));
        assertEquals(List.of("pos-b"), positions(before("$lte", T30)));
        assertEquals(2, index.getCount(), "one key per document: a's null and b's new date");
    }

    @Test
    void otherQueriesAreLeftToTheLibrary() {
        assertFalse(index.canHandle(new Document("pendingSince", new Document("$gt", T10))));
        assertFalse(index.canHandle(new Document("pendingSince", new Document("$lt", T20).append("$gt", T10))));
        assertFalse(index.canHandle(new Document("pendingSince", T10)));
        assertFalse(index.canHandle(new Document("pendingSince", new Document("$lt", 5L))));
        assertFalse(index.canHandle(before("$lt", T20).append("status", "OPEN")));
    }

    @Test
    void onlyOneAscendingTopLevelFieldIsCovered() {
        assertTrue(SingleFieldIndex.covers(List.of(new IndexKey("pendingSince", true))));
        assertFalse(SingleFieldIndex.covers(List.of(new IndexKey("pendingSince", false))));
        assertFalse(SingleFieldIndex.covers(List.of(new IndexKey("pending.shard", true))));
        assertFalse(SingleFieldIndex.covers(List.of(new IndexKey("status", true), new IndexKey("dueAt", true))));
    }
}
