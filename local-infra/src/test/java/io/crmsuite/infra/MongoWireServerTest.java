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
     * A data file marked by the version before (value-ordered keys, documents Java-serialised; that such documents
     * are still read is {@code BsonDocumentsTest}'s): opened, used, and marked for BSON documents.
     */
    @Test
    void aFileMarkedByTheVersionBeforeIsTakenAndMarkedForBson() throws Exception {
        Path file = markedFile("before.mv.db", "value-ordered-compact");
        int port = freePort();
        onServer(port, file, client -> {
            MongoCollection<Document> docs = fill(client);
            assertEveryKeyAnswers(docs);
        });
        MVStore after = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        assertEquals("value-ordered-compact+bson-documents", after.<String, String>openMap("crm.layout").get("index-keys"));
        after.close();
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
