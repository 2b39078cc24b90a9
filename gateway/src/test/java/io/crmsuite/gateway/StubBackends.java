package io.crmsuite.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.management.ObjectName;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Three stub services behind the gateway under test. Each echoes what it received (method, path, headers,
 * body) as JSON, and obeys X-Stub-Status, X-Stub-Delay-Ms and X-Stub-Hold; tests stop and start them, and release
 * held answers, through JMX ({@link StubControl}). Also writes the API key file (a key per role) and an RSA key
 * pair for JWTs.
 */
public class StubBackends implements QuarkusTestResourceLifecycleManager {

    public static final Map<String, String> KEYS = Map.of("call-center", "key-call-center", "bi", "key-bi",
            "internal", "key-internal", "admin", "key-admin", "limited", "key-limited");

    private final Map<String, HttpServer> servers = new HashMap<>();
    private final Map<String, Integer> ports = new HashMap<>();
    private final Map<String, AtomicInteger> hits = new HashMap<>();
    /** X-Stub-Hold names: an answer waits until a test releases its name, so "still answering" needs no timing. */
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
    private final Set<String> holding = ConcurrentHashMap.newKeySet();
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("gateway-test");
            Map<String, String> config = new HashMap<>();
            for (String route : List.of("customers", "complaints", "analytics")) {
                hits.put(route, new AtomicInteger());
                startStub(route, 0);
                config.put("crm.gateway.backends." + route + ".url", "http://127.0.0.1:" + ports.get(route));
                config.put("crm.gateway.backends." + route + ".response-timeout", "PT1S");
                config.put("crm.gateway.backends." + route + ".connect-timeout", "PT0.5S");
                config.put("crm.gateway.backends." + route + ".breaker-failures", "3");
                config.put("crm.gateway.backends." + route + ".breaker-open-for", "PT2S");
            }
            StringBuilder keys = new StringBuilder("# test keys\n");
            KEYS.forEach((role, key) -> keys.append("client-").append(role).append(':').append(sha256(key)).append(':')
                    .append(role.equals("limited") ? "bi" : role).append(":2026-11-23T00:00:00Z\n"));
            Path keyFile = dir.resolve("api-keys");
            Files.writeString(keyFile, keys);
            config.put("crm.gateway.api-keys-file", keyFile.toString());
            // one token per 1,000 s: the bucket cannot refill while a test runs, however slow the machine;
            // refilling is RateLimiterTest's, with the time given
            config.put("crm.gateway.rate-limits.clients.client-limited.rate", "0.001");
            config.put("crm.gateway.rate-limits.clients.client-limited.burst", "3");

            KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
            Path publicKey = dir.resolve("jwt-public.pem");
            Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
            Path privateKey = dir.resolve("jwt-private.der");
            Files.write(privateKey, pair.getPrivate().getEncoded());
            config.put("crm.gateway.jwt.issuer", "https://login.crm-suite.test");
            config.put("crm.gateway.jwt.public-key-location", publicKey.toString());
            config.put("test.jwt.private-key", privateKey.toString());
            config.put("test.api-keys-file", keyFile.toString());

            var mbeans = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(StubControl.NAME);
            if (mbeans.isRegistered(name)) {
                mbeans.unregisterMBean(name);
            }
            mbeans.registerMBean(new StubControl(this), name);
            return config;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void startStub(String route, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port == 0 ? ports.getOrDefault(route, 0) : port), 50);
        server.createContext("/", exchange -> answer(route, exchange));
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        servers.put(route, server);
        ports.put(route, server.getAddress().getPort());
    }

    void stopStub(String route) {
        servers.remove(route).stop(0);
    }

    int hits(String route) {
        return hits.get(route).get();
    }

    boolean holding(String name) {
        return holding.contains(name);
    }

    void release(String name) {
        holds.computeIfAbsent(name, n -> new CountDownLatch(1)).countDown();
    }

    /** Waits until a test releases {@code name}; at most 30 s, so a failed test leaves no thread waiting for ever. */
    private void hold(String name) {
        CountDownLatch released = holds.computeIfAbsent(name, n -> new CountDownLatch(1));
        holding.add(name);
        try {
            released.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            holding.remove(name);
        }
    }

    private void answer(String route, HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().equals("/q/openapi")) {
            byte[] doc = ("{\"openapi\":\"3.1.0\",\"paths\":{\"/" + route + "\":{\"get\":{\"summary\":\"list " + route
                    + "\"}}},\"components\":{\"schemas\":{\"" + route + "View\":{\"type\":\"object\"}}}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, doc.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(doc);
            }
            return;
        }
        hits.get(route).incrementAndGet();
        String hold = exchange.getRequestHeaders().getFirst("X-Stub-Hold");
        if (hold != null) {
            hold(hold);
        }
        String delay = exchange.getRequestHeaders().getFirst("X-Stub-Delay-Ms");
        if (delay != null) {
            try {
                Thread.sleep(Long.parseLong(delay));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder json = new StringBuilder("{\"service\":\"").append(route).append("\",\"method\":\"")
                .append(exchange.getRequestMethod()).append("\",\"uri\":\"").append(exchange.getRequestURI())
                .append("\",\"bodyLength\":").append(body.length()).append(",\"headers\":{");
        boolean first = true;
        for (var header : exchange.getRequestHeaders().entrySet()) {
            json.append(first ? "" : ",").append('"').append(header.getKey().toLowerCase()).append("\":\"")
                    .append(header.getValue().get(0).replace("\"", "'")).append('"');
            first = false;
        }
        json.append("}}");
        String status = exchange.getRequestHeaders().getFirst("X-Stub-Status");
        int code = status == null ? (exchange.getRequestMethod().equals("POST") ? 201 : 200) : Integer.parseInt(status);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("ETag", "\"7\"");
        if (code == 201) {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + ports.get(route) + "/" + route + "/42");
        }
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        servers.values().forEach(s -> s.stop(0));
    }

    static String sha256(String key) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JMX control of the stubs, reachable from tests whatever their class loader. */
    public interface StubControlMBean {
        void stop(String route);

        void start(String route) throws IOException;

        int hits(String route);

        /** Whether an answer is waiting for {@code name} to be released. */
        boolean holding(String name);

        void release(String name);
    }

    public static final class StubControl implements StubControlMBean {
        static final String NAME = "io.crmsuite.gateway.test:type=Stubs";
        private final StubBackends stubs;

        StubControl(StubBackends stubs) {
            this.stubs = stubs;
        }

        @Override
        public void stop(String route) {
            stubs.stopStub(route);
        }

        @Override
        public void start(String route) throws IOException {
            stubs.startStub(route, 0);
        }

        @Override
        public int hits(String route) {
            return stubs.hits(route);
        }

        @Override
        public boolean holding(String name) {
            return stubs.holding(name);
        }

        @Override
        public void release(String name) {
            stubs.release(name);
        }

        static Object invoke(String operation, String argument) {
            try {
                return ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(NAME), operation,
                        new Object[] { argument }, new String[] { String.class.getName() });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
