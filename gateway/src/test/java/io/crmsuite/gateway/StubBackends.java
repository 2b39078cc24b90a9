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
 * Stub services behind the gateway under test: one each for customers, analytics and webhooks, two replicas for complaints
 * ({@code complaints-1} and {@code complaints-2}). Each echoes what it received (method, path, headers, body) as
 * JSON with its own name as {@code replica}, and obeys X-Stub-Status, X-Stub-Delay-Ms, X-Stub-Hold and X-Stub-Die (the stub
 * named closes the connection without answering, as a replica killed mid-request); tests stop
 * and start them, make one answer 503 as a service whose store is down, and release held answers, through JMX
 * ({@link StubControl}). Also writes the API key file (a key per role) and an RSA key pair for JWTs.
 * <p>
 * The complaints replicas close every connection after their answer ({@code Connection: close}), so the gateway
 * keeps none of theirs in its pools: a stopped replica is then met by a new connection, refused, which is the
 * failure the replica tests are about. (A pooled connection the replica closed at the very moment the gateway sends
 * on it is another failure: the request went out, so nothing is retried, by design.)
 */
public class StubBackends implements QuarkusTestResourceLifecycleManager {

    public static final Map<String, String> KEYS = Map.of("call-center", "key-call-center", "bi", "key-bi",
            "internal", "key-internal", "admin", "key-admin", "limited", "key-limited");

    /** Stub name -> the route it serves. */
    private static final Map<String, String> ROUTES = Map.of("customers", "customers", "analytics", "analytics",
            "webhooks", "webhooks", "complaints-1", "complaints", "complaints-2", "complaints");

    private final Map<String, HttpServer> servers = new HashMap<>();
    private final Map<String, Integer> ports = new HashMap<>();
    private final Map<String, AtomicInteger> hits = new HashMap<>();
    /** Requests received by Idempotency-Key, over every stub. */
    private final Map<String, AtomicInteger> receivedKeys = new ConcurrentHashMap<>();
    /** By X-Request-Id: how the request's body ended, {@code whole <length>} or {@code cut}. */
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    /** Stubs answering 503 with Retry-After, as a service whose store is unreachable. */
    private final Set<String> unavailable = ConcurrentHashMap.newKeySet();
    /** X-Stub-Hold names: an answer waits until a test releases its name, so "still answering" needs no timing. */
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
    private final Set<String> holding = ConcurrentHashMap.newKeySet();
    /** The raw path of every request the gateway forwarded (those carrying its X-Client-Id), in order. */
    private final List<String> forwarded = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The issuer's key set: k1 from the start, k2 once a test rotates the keys. */
    private final List<org.jose4j.jwk.PublicJsonWebKey> jwks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private org.jose4j.jwk.PublicJsonWebKey rotatedIn;
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("gateway-test");
            Map<String, String> config = new HashMap<>();
            for (String stub : ROUTES.keySet()) {
                hits.put(stub, new AtomicInteger());
                startStub(stub, 0);
            }
            for (String route : List.of("customers", "complaints", "analytics", "webhooks")) {
                config.put("crm.gateway.backends." + route + ".url", String.join(",", ROUTES.keySet().stream()
                        .filter(stub -> ROUTES.get(stub).equals(route)).sorted().map(this::url).toList()));
                config.put("crm.gateway.backends." + route + ".response-timeout", "PT1S");
                config.put("crm.gateway.backends." + route + ".connect-timeout", "PT0.5S");
                config.put("crm.gateway.backends." + route + ".breaker-failures", "3");
                config.put("crm.gateway.backends." + route + ".breaker-open-for", "PT2S");
                // long enough for a test to see a replica passed over on any machine, short enough to wait for
                config.put("crm.gateway.backends." + route + ".replica-backoff", "PT2S");
                config.put("crm.gateway.backends." + route + ".replica-backoff-max", "PT5S");
            }
            // off: the tests that count attempts and back-offs must not see a timer lift a back-off in between;
            // ReplicaProbeTest runs the probe itself
            config.put("crm.gateway.probe-interval", "PT0S");
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
            config.put("crm.gateway.jwt.jwks-url", startJwks(config));
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

    /** An ES256 key pair per kid, the private halves written for the tests; the JWKS server on loopback. */
    private String startJwks(Map<String, String> config) throws Exception {
        for (String kid : List.of("k1", "k2")) {
            org.jose4j.jwk.EllipticCurveJsonWebKey key = org.jose4j.jwk.EcJwkGenerator
                    .generateJwk(org.jose4j.keys.EllipticCurves.P256);
            key.setKeyId(kid);
            key.setAlgorithm(org.jose4j.jws.AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            key.setUse("sig");
            Path privateKey = dir.resolve("jwt-" + kid + "-private.der");
            Files.write(privateKey, key.getPrivateKey().getEncoded());
            config.put("test.jwt." + kid + "-private-key", privateKey.toString());
            if (kid.equals("k1")) {
                jwks.add(key);
            } else {
                rotatedIn = key;
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/jwks", exchange -> {
            byte[] body = new org.jose4j.jwk.JsonWebKeySet(jwks).toJson().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        servers.put("jwks", server);
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    void startStub(String stub, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port == 0 ? ports.getOrDefault(stub, 0) : port), 50);
        server.createContext("/", exchange -> answer(stub, exchange));
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        servers.put(stub, server);
        ports.put(stub, server.getAddress().getPort());
    }

    private String url(String stub) {
        return "http://127.0.0.1:" + ports.get(stub);
    }

    void stopStub(String stub) {
        servers.remove(stub).stop(0);
    }

    int hits(String stub) {
        return hits.get(stub).get();
    }

    String body(String requestId) {
        return bodies.get(requestId);
    }

    int received(String idempotencyKey) {
        AtomicInteger count = receivedKeys.get(idempotencyKey);
        return count == null ? 0 : count.get();
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

    private void answer(String stub, HttpExchange exchange) throws IOException {
        if (exchange.getRequestHeaders().getFirst("X-Client-Id") != null) {
            forwarded.add(exchange.getRequestURI().getRawPath());
        }
        String route = ROUTES.get(stub);
        if (route.equals("complaints")) {
            exchange.getResponseHeaders().add("Connection", "close");
        }
        if (exchange.getRequestURI().getPath().equals("/q/health/ready")) {
            exchange.sendResponseHeaders(unavailable.contains(stub) ? 503 : 200, -1);
            exchange.close();
            return;
        }
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
        hits.get(stub).incrementAndGet();
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key != null) {
            receivedKeys.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }
        if (unavailable.contains(stub)) {
            exchange.getRequestBody().readAllBytes();
            // what a service answers while its store is unreachable (platform ProblemMappers)
            byte[] problem = ("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                    + "\"detail\":\"the service's store cannot be reached; retry later\",\"replica\":\"" + stub + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.getResponseHeaders().add("Retry-After", "5");
            exchange.sendResponseHeaders(503, problem.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(problem);
            }
            return;
        }
        if (stub.equals(exchange.getRequestHeaders().getFirst("X-Stub-Die"))) {
            // a replica dying with the request in flight: the server closes the connection without an answer
            exchange.getRequestBody().readAllBytes();
            throw new IOException(stub + " dies with the request in flight");
        }
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
        String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            bodies.put(requestId, "cut");
            throw e;
        }
        bodies.put(requestId, "whole " + body.length());
        StringBuilder json = new StringBuilder("{\"service\":\"").append(route).append("\",\"replica\":\"")
                .append(stub).append("\",\"method\":\"")
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
            exchange.getResponseHeaders().add("Location", url(stub) + "/" + route + "/42");
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
        void stop(String stub);

        void start(String stub) throws IOException;

        /** Requests the stub received, not counting readiness and OpenAPI requests. */
        int hits(String stub);

        /** Requests received with this Idempotency-Key, by any stub. */
        int received(String idempotencyKey);

        /** How the body of the request with this X-Request-Id ended: {@code whole <length>}, {@code cut}, or null. */
        String body(String requestId);

        /** From now on the stub answers 503 with Retry-After: 5, and its readiness is DOWN. */
        void unavailable(String stub);

        void available(String stub);

        /** Whether an answer is waiting for {@code name} to be released. */
        boolean holding(String name);

        void release(String name);

        /** The raw paths the gateway forwarded so far, one per line. */
        String forwarded(String ignored);

        /** The issuer publishes its second key (k2) beside the first. */
        void rotateJwks(String ignored);
    }

    public static final class StubControl implements StubControlMBean {
        static final String NAME = "io.crmsuite.gateway.test:type=Stubs";
        private final StubBackends stubs;

        StubControl(StubBackends stubs) {
            this.stubs = stubs;
        }

        @Override
        public void stop(String stub) {
            stubs.stopStub(stub);
        }

        @Override
        public void start(String stub) throws IOException {
            stubs.startStub(stub, 0);
        }

        @Override
        public int hits(String stub) {
            return stubs.hits(stub);
        }

        @Override
        public int received(String idempotencyKey) {
            return stubs.received(idempotencyKey);
        }

        @Override
        public String body(String requestId) {
            return stubs.body(requestId);
        }

        @Override
        public void unavailable(String stub) {
            stubs.unavailable.add(stub);
        }

        @Override
        public void available(String stub) {
            stubs.unavailable.remove(stub);
        }

        @Override
        public boolean holding(String name) {
            return stubs.holding(name);
        }

        @Override
        public void release(String name) {
            stubs.release(name);
        }

        @Override
        public String forwarded(String ignored) {
            return String.join("\n", stubs.forwarded);
        }

        @Override
        public void rotateJwks(String ignored) {
            if (!stubs.jwks.contains(stubs.rotatedIn)) {
                stubs.jwks.add(stubs.rotatedIn);
            }
        }

        public static Object invoke(String operation, String argument) {
            try {
                return ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(NAME), operation,
                        new Object[] { argument }, new String[] { String.class.getName() });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
