package io.crmsuite.infra;

import java.io.IOException;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky's packaged binaries). Under root, zonky itself runs initdb and the server
 * through {@code unshare -U}, because PostgreSQL refuses to run as root; as any other user it runs them directly.
 */
public final class PostgresServer implements Managed {

    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    private final int port;
    private final Path dataDir;
    private EmbeddedPostgres postgres;

    /** @param dataDir where data is kept between runs, or null for a throw-away directory */
    public PostgresServer(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public void start() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(port)
                .setServerConfig("max_connections", "100");
        if (dataDir != null) {
            builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
        }
        postgres = builder.start();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    @Override
    public void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
