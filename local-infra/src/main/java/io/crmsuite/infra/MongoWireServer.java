package io.crmsuite.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.ValueOrderedKeysH2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A MongoDB wire-protocol server (mongo-java-server): in memory for tests, on an H2 file for the run command.
 * It announces MongoDB 5.0 because the 5.x driver refuses the library's default wire version 7. The file store
 * commits once a second: a crash loses at most the last second of local data.
 */
public final class MongoWireServer implements Managed {

    /** Not a database map (those start with "databases."): the layout this data file was written in. */
    private static final String LAYOUT_MAP = "crm.layout";
    /** Named when the layout was about index keys alone; it now names the documents' form too. */
    private static final String INDEX_KEYS = "index-keys";
    /** Keys ordered by value and most of them written compactly (ValueOrderedKeysH2Backend), documents Java-serialised. */
    private static final String VALUE_ORDERED = "value-ordered-compact";
    /**
     * The same keys, documents written as BSON from now on (a document written before is still read as it was): a
     * version that would not read BSON documents refuses the file by this name instead of failing on a page.
     */
    private static final String VALUE_ORDERED_BSON = "value-ordered-compact+bson-documents";
    /**
     * The same, with indexes of one ascending field kept (SingleFieldIndex, built from the documents when a file of
     * an earlier layout is opened): a version that would not keep them up to date refuses the file by this name
     * instead of answering from a stale index later.
     */
    private static final String SINGLE_FIELD_INDEXES = VALUE_ORDERED_BSON + "+single-field-indexes";

    /**
     * Unsaved changes the store holds before a writer stops to save them itself, in its estimate of KB on disk. At
     * the default (1 MB) writers saved pages several times a second between the timer's commits, each time every
     * page a write had touched: a third of the stand-in's CPU while analytics drained a backlog (JFR). With 32 MB
     * the once-a-second commit does nearly all of it: 50,000 events drained at 2,696-3,036 events/s against
     * 1,859-2,058, 8 MB gave 2,432-2,436, and 128 MB 2,332-2,404 with twice the heap in use (up to 195 MB of 256; 32
     * MB: 96-102 MB). A crash still loses at most the last second.
     */
    private static final int WRITE_BUFFER_KB = 32 * 1024;

    private final int port;
    private final Path dataFile;
    private MongoServer server;
    private MongoBackend backend;
    private MVStore store;
    private ScheduledExecutorService committer;

    /** @param dataFile the H2 file that keeps data between runs, or null to keep data in memory */
    public MongoWireServer(int port, Path dataFile) {
        this.port = port;
        this.dataFile = dataFile;
    }

    @Override
    public String name() {
        return "mongodb";
    }

    @Override
    public void start() throws Exception {
        if (dataFile != null) {
            Files.createDirectories(dataFile.getParent());
            // MVStore's own background commits can drop a chunk a running query still reads ("Chunk n not
            // found", h2database#4383); committing from one timer thread instead avoids that race
            store = new MVStore.Builder().fileName(dataFile.toString()).autoCommitDisabled()
                    .autoCommitBufferSize(WRITE_BUFFER_KB).open();
            H2Backend h2 = valueOrderedKeys(store) ? new ValueOrderedKeysH2Backend(store) : new H2Backend(store);
            backend = h2;
            committer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "mongo-h2-commit");
                t.setDaemon(true);
                return t;
            });
            committer.scheduleWithFixedDelay(h2::commit, 1, 1, TimeUnit.SECONDS);
        } else {
            backend = new MemoryBackend();
        }
        backend.version(ServerVersion.MONGO_5_0);
        server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
    }

    /**
     * Whether this data file's indexes order their keys by value ({@link ValueOrderedKeysH2Backend}): always for a new
     * file (it is marked so); a file written before keeps the library's order, which its index B-trees are sorted by.
     */
    private static boolean valueOrderedKeys(MVStore store) {
        boolean fresh = store.getMapNames().isEmpty();
        MVMap<String, String> layout = store.openMap(LAYOUT_MAP);
        String keys = layout.get(INDEX_KEYS);
        if (fresh || VALUE_ORDERED.equals(keys) || VALUE_ORDERED_BSON.equals(keys)) {
            // a new file, or one of the versions before: documents written as BSON from now on, single-field indexes
            // built from the documents as the library opens them
            keys = SINGLE_FIELD_INDEXES;
            layout.put(INDEX_KEYS, keys);
            store.commit();
        }
        if (keys == null) {
            System.err.println("[infra] this data directory's MongoDB indexes were written by an earlier version: they "
                    + "keep the slower key order (serialised keys); a new data directory gets the faster one");
            return false;
        }
        if (!keys.equals(SINGLE_FIELD_INDEXES)) {
            throw new IllegalStateException("the MongoDB data file " + store.getFileStore().getFileName() + " holds "
                    + "index keys in a layout this version does not read (" + keys + "): delete it to start afresh");
        }
        return true;
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    @Override
    public void stop() {
        if (committer != null) {
            committer.shutdownNow();
            committer = null;
        }
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
        if (backend != null) {
            backend.close();
            backend = null;
        }
        if (store != null && !store.isClosed()) {
            store.close();
        }
        store = null;
    }
}
