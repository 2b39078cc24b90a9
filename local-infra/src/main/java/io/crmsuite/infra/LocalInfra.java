package io.crmsuite.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import io.crmsuite.events.Topics;

/**
 * The standalone infrastructure behind {@code ./crm up}: Kafka, PostgreSQL and the MongoDB-protocol server on fixed
 * ports with data kept under {@code CRM_DATA_DIR}, until the process is told to stop. One process per server
 * ({@code java -jar local-infra.jar kafka|mongodb|postgresql}), so that one can be stopped and started again while
 * the others run ({@code ./crm infra stop mongodb}); {@code all} runs the three in one process. A server that is
 * ready writes {@code <server>.ready} in the data directory.
 */
public final class LocalInfra {

    private final List<Managed> started = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        // the servers' own INFO chatter would bury the lines below; must be set before the first logger exists
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Set<String> servers = serversOf(args);
        LocalInfra infra = new LocalInfra();
        try {
            infra.startAll(servers);
        } catch (Ports.PortTakenException e) {
            System.err.println("[infra] " + e.getMessage());
            infra.stopAll();
            System.exit(2);
        } catch (Exception e) {
            System.err.println("[infra] start failed: " + e);
            e.printStackTrace();
            infra.stopAll();
            System.exit(1);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            infra.stopAll();
            stopped.countDown();
        }, "infra-shutdown"));
        stopped.await();
    }

    private static final List<String> SERVERS = List.of("postgresql", "mongodb", "kafka");

    private static Set<String> serversOf(String[] args) {
        if (args.length == 0 || args[0].equals("all")) {
            return new LinkedHashSet<>(SERVERS);
        }
        Set<String> servers = new LinkedHashSet<>();
        for (String arg : args) {
            if (!SERVERS.contains(arg)) {
                System.err.println("[infra] unknown server '" + arg + "': one of " + SERVERS + " or all");
                System.exit(2);
            }
            servers.add(arg);
        }
        return servers;
    }

    private void startAll(Set<String> servers) throws Exception {
        Path dataDir = Path.of(System.getenv().getOrDefault("CRM_DATA_DIR", ".crm/data")).toAbsolutePath();
        Files.createDirectories(dataDir);
        if (servers.contains("postgresql")) {
            int postgresPort = setting("CRM_POSTGRES_PORT", 5432);
            Ports.requireFree(postgresPort, "CRM_POSTGRES_PORT");
            PostgresServer postgres = new PostgresServer(postgresPort, dataDir.resolve("postgres"));
            start(postgres, postgres.jdbcUrl() + " (user postgres, no password)");
            ready(dataDir, "postgresql");
        }
        if (servers.contains("mongodb")) {
            int mongoPort = setting("CRM_MONGODB_PORT", 27017);
            Ports.requireFree(mongoPort, "CRM_MONGODB_PORT");
            MongoWireServer mongo = new MongoWireServer(mongoPort, dataDir.resolve("mongodb/crm.mv.db"));
            start(mongo, mongo.connectionString());
            ready(dataDir, "mongodb");
        }
        if (servers.contains("kafka")) {
            int kafkaPort = setting("CRM_KAFKA_PORT", 9092);
            int controllerPort = setting("CRM_KAFKA_CONTROLLER_PORT", 9093);
            Ports.requireFree(kafkaPort, "CRM_KAFKA_PORT");
            Ports.requireFree(controllerPort, "CRM_KAFKA_CONTROLLER_PORT");
            KafkaBroker kafka = new KafkaBroker(kafkaPort, controllerPort, dataDir.resolve("kafka"));
            start(kafka, kafka.bootstrapServers());
            kafka.createTopics(Topics.ALL, Topics.PARTITIONS);
            log("topics " + String.join(", ", Topics.ALL));
            ready(dataDir, "kafka");
        }
        log("READY");
    }

    private static void ready(Path dataDir, String server) throws java.io.IOException {
        Files.writeString(dataDir.resolve(server + ".ready"), Instant.now().toString());
    }

    private void start(Managed server, String address) throws Exception {
        log(server.name() + " starting");
        long begin = System.nanoTime();
        server.start();
        started.add(server);
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        log(String.format(Locale.ROOT, "%s ready in %.1f s at %s", server.name(), took.toMillis() / 1000.0, address));
    }

    private synchronized void stopAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            Managed server = started.get(i);
            try {
                server.stop();
                log(server.name() + " stopped");
            } catch (Exception e) {
                System.err.println("[infra] stopping " + server.name() + " failed: " + e);
            }
        }
        started.clear();
    }

    private static int setting(String name, int fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, got '" + value + "'");
        }
    }

    private static void log(String line) {
        System.out.println("[infra] " + line);
    }
}
