package io.crmsuite.infra;

import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A MongoDB wire-protocol server (mongo-java-server): in memory for tests, on an H2 file for the run command.
 * It announces MongoDB 5.0 because the 5.x driver refuses the library's default wire version 7.
 */
public final class MongoWireServer implements Managed {

    private final int port;
    private final Path dataFile;
    private MongoServer server;
    private MongoBackend backend;

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
            backend = new H2Backend(dataFile.toString());
        } else {
            backend = new MemoryBackend();
        }
        backend.version(ServerVersion.MONGO_5_0);
        server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }
}
