package io.crmsuite.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The file-backed stand-in answers every lookup by a unique index, across restarts, in a new data file (keys ordered
 * by value) and in one written by the library's own backend (keys ordered by their serialised form, kept so).
 */
class MongoWireServerTest {

    /**
     * Keys of several lengths and types, so that the two orders differ (a B-tree read in the wrong one misses), some
     * written in the compact form (strings, numbers) and one the way the library writes it (an ObjectId).
     */
    private static final List<Object> IDS = List.of("b", "aa", "a", "ccc", "c-10", "c-9", "c-100", 10L, 9L, 100L,
            "phone:+5511900000000|c-1", "phone:+5511900000000|c-2", "z", 2.5, new ObjectId("65f0c0ffee0000000000abcd"));

    private static final String CURRENT_LAYOUT = "value-ordered-compact+bson-documents+single-field-indexes";

    @TempDir
    Path dir;

    @Test
    void aNewDataFileFindsEveryKeyAndRefusesDuplicatesAcrossRestarts() throws Exception {
        Path file = dir.resolve("mongo.mv.db");
        int port = freePort();
        onServer(port, file, client -> {
            MongoCollection<Document> docs = fill(client);
            assertEveryKeyAnswers(docs);
        });
        onServer(port, file, client -> {
            MongoCollection<Document> docs = client.getDatabase("t").getCollection("docs");
            assertEveryKeyAnswers(docs);
            MongoWriteException duplicate = assertThrows(MongoWriteException.class,
                    () -> docs.insertOne(new Document("_id", "aa").append("revision", 0L)));
            assertEquals(ErrorCategory.DUPLICATE_KEY, ErrorCategory.fromErrorCode(duplicate.getCode()));
        });
    }

    /**
     * Documents of every type the suite stores come back from the data file as they were written: read after a
     * restart, so from the file's pages (BSON), not from objects kept in memory.
     */
    @Test
    void documentsComeBackFromTheFileAsTheyWereWritten() throws Exception {
        Path file = dir.resolve("docs.mv.db");
        int port = freePort();
        Document written = new Document("_id", "c-1").append("revision", 3L).append("count", 7).append("score", 2.5)
                .append("open", true).append("resolvedAt", null)
                .append("at", new java.util.Date(1_795_947_330_123L))
                .append("customer", new Document("id", "k-9").append("phone", "+5511900000000"))
                .append("ops", List.of("op-1", "op-2")).append("nested", List.of(new Document("n", 1L), List.of(1, 2)))
                .append("ref", new ObjectId("65f0c0ffee0000000000abcd"))
                .append("amount", org.bson.types.Decimal128.parse("12.34"))
                .append("token", new org.bson.types.Binary(new byte[] { 1, 2, 3 }))
                .append("text", "ação – 中文");
        onServer(port, file, client -> {
            client.getDatabase("t").getCollection("docs").insertOne(written);
        });
        onServer(port, file, client -> {
            // equals compares each value's type too (an int read back as a long would differ)
            assertEquals(written, client.getDatabase("t").getCollection("docs").find().first());
        });
    }

    /**
     * Data files marked by the versions before (value-ordered keys; documents Java-serialised, then BSON; that such
     * documents are still read is {@code BsonDocumentsTest}'s): opened, used, and marked as this version writes.
     */
    @Test
    void aFileMarkedByAVersionBeforeIsTakenAndMarkedAsThisOneWrites() throws Exception {
        for (String before : List.of("value-ordered-compact", "value-ordered-compact+bson-documents")) {
            Path file = markedFile(before + ".mv.db", before);
            onServer(freePort(), file, client -> {
                MongoCollection<Document> docs = fill(client);
                assertEveryKeyAnswers(docs);
            });
            assertEquals(CURRENT_LAYOUT, layoutOf(file), "from " + before);
        }
    }

    /**
     * The outbox sweep's query ({@code pendingSince} before a moment, the oldest first) on a collection with its
     * ascending index: the same answer as MongoDB's after inserts, updates and deletes, after a restart, and in a
     * file of the version before, where the index did not exist yet and is built from the documents.
     */
    @Test
    void theSweepsQueryAnswersRightAcrossChangesRestartsAndAnUpgrade() throws Exception {
        Path file = dir.resolve("sweep.mv.db");
        int port = freePort();
        onServer(port, file, client -> {
            MongoCollection<Document> complaints = client.getDatabase("t").getCollection("complaints");
            complaints.createIndex(Indexes.ascending("pendingSince"));
            complaints.insertMany(List.of(new Document("_id", "c-1").append("pendingSince", at(30)),
                    new Document("_id", "c-2").append("pendingSince", at(10)),
                    new Document("_id", "c-3").append("pendingSince", null),
                    new Document("_id", "c-4"),
                    new Document("_id", "c-5").append("pendingSince", "1970-01-01T00:00:05Z"),
                    new Document("_id", "c-6").append("pendingSince", at(20)),
                    new Document("_id", "c-7").append("pendingSince", at(5)),
                    new Document("_id", "c-8").append("pendingSince", at(15))));
            complaints.updateOne(Filters.eq("_id", "c-6"), Updates.set("pendingSince", null)); // relayed
            complaints.updateOne(Filters.eq("_id", "c-3"), Updates.set("pendingSince", at(12))); // written again
            complaints.updateOne(Filters.eq("_id", "c-8"), Updates.unset("pendingSince"));
            complaints.deleteOne(Filters.eq("_id", "c-7"));
            // by hand: dates before 25 s are c-2 (10) and c-3 (12); c-1 is later, c-5's is text, the rest have none
            assertEquals(List.of("c-2", "c-3"), sweep(complaints, 25));
        });
        onServer(port, file, client -> assertEquals(List.of("c-2", "c-3"),
                sweep(client.getDatabase("t").getCollection("complaints"), 25)));

        MVStore store = new MVStore.Builder().fileName(file.toString()).open(); // as the version before left it
        store.getMapNames().stream().filter(name -> name.endsWith("._index_pendingSince_1")).toList()
                .forEach(store::removeMap);
        store.<String, String>openMap("crm.layout").put("index-keys", "value-ordered-compact+bson-documents");
        store.close();
        onServer(port, file, client -> {
            MongoCollection<Document> complaints = client.getDatabase("t").getCollection("complaints");
            assertEquals(List.of("c-2", "c-3"), sweep(complaints, 25));
            assertEquals(List.of("c-2", "c-3", "c-1"), sweep(complaints, 30 + 1));
        });
        assertEquals(CURRENT_LAYOUT, layoutOf(file));
    }

    private static java.util.Date at(int second) {
        return new java.util.Date(second * 1000L);
    }

    /** The ids the sweep reads: waiting since before {@code second}, the oldest first. */
    private static List<String> sweep(MongoCollection<Document> complaints, int second) {
        return complaints.find(Filters.lt("pendingSince", at(second))).sort(Sorts.ascending("pendingSince")).limit(200)
                .map(doc -> doc.getString("_id")).into(new ArrayList<>());
    }

    private String layoutOf(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            return store.<String, String>openMap("crm.layout").get("index-keys");
        } finally {
            store.close();
        }
    }

    /** A later version's layout is not guessed at: the server refuses to start and names the file. */
    @Test
    void aLayoutThisVersionDoesNotKnowRefusesToStart() throws Exception {
        Path file = markedFile("later.mv.db", "some-later-layout");
        MongoWireServer server = new MongoWireServer(freePort(), file);
        IllegalStateException refused = assertThrows(IllegalStateException.class, server::start);
        server.stop();
        assertTrue(refused.getMessage().contains(file.toString()) && refused.getMessage().contains("some-later-layout"),
                refused.getMessage());
    }

    @Test
    void aDataFileWrittenByTheLibrarysBackendKeepsItsOrder() throws Exception {
        Path file = dir.resolve("old.mv.db");
        int port = freePort();
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        MongoServer old = new MongoServer(new H2Backend(store).version(ServerVersion.MONGO_5_0));
        old.bind("127.0.0.1", port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            fill(client);
        } finally {
            old.shutdownNow();
            store.close();
        }
        onServer(port, file, client -> {
            assertEveryKeyAnswers(client.getDatabase("t").getCollection("docs"));
        });
    }

    /** A data file holding only the layout marker {@code layout}, as a version that wrote it would leave it. */
    private Path markedFile(String name, String layout) {
        Path file = dir.resolve(name);
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        store.<String, String>openMap("crm.layout").put("index-keys", layout);
        store.close();
        return file;
    }

    /** Starts the server on {@code file}, gives {@code work} a client of it, and stops the server. */
    private static void onServer(int port, Path file, Consumer<MongoClient> work) throws Exception {
        MongoWireServer server = new MongoWireServer(port, file);
        server.start();
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            work.accept(client);
        } finally {
            server.stop();
        }
    }

    /** Each id twice in the collection's life: inserted at revision 0, then moved to 1 by a conditional update. */
    private static MongoCollection<Document> fill(MongoClient client) {
        MongoCollection<Document> docs = client.getDatabase("t").getCollection("docs");
        docs.createIndex(Indexes.ascending("_id", "revision"), new IndexOptions().unique(true));
        for (Object id : IDS) {
            docs.insertOne(new Document("_id", id).append("revision", 0L));
        }
        for (Object id : IDS) {
            assertEquals(1, docs.updateOne(new Document("_id", id).append("revision", 0L), Updates.set("revision", 1L))
                    .getModifiedCount(), "conditional update of " + id);
        }
        return docs;
    }

    private static void assertEveryKeyAnswers(MongoCollection<Document> docs) {
        List<Object> missing = new ArrayList<>();
        for (Object id : IDS) {
            Document found = docs.find(Filters.eq("_id", id)).first();
            if (found == null || found.getLong("revision") != 1L) {
                missing.add(id);
            }
            // answered from the compound unique index: the stale revision matches nothing, the current one matches
            if (docs.countDocuments(new Document("_id", id).append("revision", 0L)) != 0
                    || docs.find(new Document("_id", id).append("revision", 1L)).first() == null) {
                missing.add(id + " by {_id, revision}");
            }
        }
        assertEquals(List.of(), missing);
        assertEquals(IDS.size(), docs.countDocuments());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
