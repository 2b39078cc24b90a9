package io.crmsuite.webhook.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import io.crmsuite.webhook.config.WebhookConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Makes the store ready before anything uses it: the service's own database on the suite's PostgreSQL server
 * ({@code webhooks}, beside customer-service's), created when the server does not have it yet, then its schema by
 * Flyway. The database cannot be created by Flyway (it needs a connection to a database first), nor by the
 * deployments alike: the local server and docker compose's image make one database each, Kubernetes operators
 * their own; creating it here works wherever the user may create databases, and where it may not (a managed
 * server) the operator creates it and this finds it. Flyway runs here rather than at Quarkus's start-up for the
 * same reason: it must come after the database exists.
 */
@ApplicationScoped
public class DatabaseBootstrap {

    private static final Logger LOG = Logger.getLogger(DatabaseBootstrap.class);
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([A-Za-z0-9_]+)(\\?.*)?$");
    /** PostgreSQL's SQLSTATE for "the database does not exist" and "it exists already" (a replica was faster). */
    private static final String INVALID_CATALOG = "3D000";
    private static final String DUPLICATE_DATABASE = "42P04";

    private final WebhookConfig config;
    private final Flyway flyway;
    private final String url;
    private final String user;
    private final Optional<String> password;

    DatabaseBootstrap(WebhookConfig config, Flyway flyway, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.config = config;
        this.flyway = flyway;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Before every other start-up step: the consumers and the dispatcher need the schema. */
    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (config.createDatabase()) {
            ensureDatabase();
        }
        flyway.migrate();
    }

    void ensureDatabase() {
        try (Connection ignored = connect(url)) {
            return;
        } catch (SQLException e) {
            if (!INVALID_CATALOG.equals(e.getSQLState())) {
                throw new IllegalStateException("cannot reach the database at " + url + ": " + e.getMessage(), e);
            }
        }
        Matcher parts = URL.matcher(url);
        if (!parts.matches()) {
            throw new IllegalStateException("the database of " + url + " does not exist, and its name cannot be read "
                    + "from the URL to create it (jdbc:postgresql://host:port/name, name of letters, digits and _)");
        }
        String database = parts.group(2);
        String maintenance = parts.group(1) + "postgres" + (parts.group(3) == null ? "" : parts.group(3));
        try (Connection connection = connect(maintenance); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database); // the name is checked above: letters, digits, _
            LOG.infof("created the database %s", database);
        } catch (SQLException e) {
            if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                throw new IllegalStateException("the database " + database + " does not exist and could not be "
                        + "created (" + e.getMessage() + "); create it, owned by " + user + ", or grant CREATEDB", e);
            }
        }
    }

    private Connection connect(String jdbcUrl) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("connectTimeout", "10");
        Connection connection = new org.postgresql.Driver().connect(jdbcUrl, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL: " + jdbcUrl);
        }
        return connection;
    }
}
