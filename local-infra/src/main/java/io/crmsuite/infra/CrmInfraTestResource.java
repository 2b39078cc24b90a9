package io.crmsuite.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.crmsuite.events.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real servers for a module's tests, each on a free port and fresh for the test run. Declare it once, e.g.
 * {@code @WithTestResource(value = CrmInfraTestResource.class, scope = TestResourceScope.GLOBAL,
 * initArgs = @ResourceArg(name = "servers", value = "kafka,postgresql"))}. Servers start one after another:
 * in parallel on two cores they only slow each other down. {@code postgresql.database} names the database the
 * service's JDBC URL points at (default {@code postgres}); a service that creates its own database at start-up
 * (webhook-service) is given one that does not exist yet, as on a fresh server.
 */
public class CrmInfraTestResource implements QuarkusTestResourceLifecycleManager {

    private Set<String> servers = Set.of("kafka", "postgresql", "mongodb");
    private String database = PostgresServer.DATABASE;
    private final List<Managed> started = new ArrayList<>();
    private final List<TcpProxy> proxies = new ArrayList<>();
    private Path workDir;

    @Override
    public void init(Map<String, String> initArgs) {
        String list = initArgs.get("servers");
        if (list != null) {
            servers = Arrays.stream(list.split(",")).map(String::trim).collect(Collectors.toSet());
        }
        database = initArgs.getOrDefault("postgresql.database", database);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        try {
            workDir = Files.createTempDirectory("crm-test-infra");
            if (servers.contains("postgresql")) {
                PostgresServer postgres = start(new PostgresServer(Ports.free(), null));
                TcpProxy proxy = proxy("postgresql", postgres.port());
                config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database);
                config.put("quarkus.datasource.username", PostgresServer.USER);
                config.put("quarkus.datasource.password", "");
            }
            if (servers.contains("mongodb")) {
                int mongoPort = Ports.free();
                start(new MongoWireServer(mongoPort, null));
                TcpProxy proxy = proxy("mongodb", mongoPort);
                config.put("quarkus.mongodb.connection-string", "mongodb://127.0.0.1:" + proxy.port());
            }
            if (servers.contains("kafka")) {
                KafkaBroker kafka = start(new KafkaBroker(Ports.free(), Ports.free(), workDir.resolve("kafka")));
                kafka.createTopics(Topics.ALL, Topics.PARTITIONS);
                KafkaControl.register(kafka);
                config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            }
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("starting test infrastructure " + servers + " failed", e);
        }
        return config;
    }

    /** The services reach the store through a proxy, so a test can cut it off ({@link Outages}). */
    private TcpProxy proxy(String server, int port) throws Exception {
        TcpProxy proxy = new TcpProxy(Ports.free(), port);
        proxy.accept();
        proxies.add(proxy);
        Outages.register(server, proxy);
        return proxy;
    }

    private <T extends Managed> T start(T server) throws Exception {
        server.start();
        started.add(server);
        return server;
    }

    @Override
    public void stop() {
        proxies.forEach(TcpProxy::close);
        proxies.clear();
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).stop();
            } catch (Exception e) {
                System.err.println("stopping test " + started.get(i).name() + " failed: " + e);
            }
        }
        started.clear();
        deleteWorkDir();
    }

    private void deleteWorkDir() {
        if (workDir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(workDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
