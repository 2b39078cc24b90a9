package io.crmsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class GatewayTest {

    private static final String PROXY = "io.crmsuite.gateway.proxy.ProxiedCall";

    /** Every role against every route and method: what DESIGN.md and the issue grant. */
    @Test
    void eachRoleReachesExactlyWhatItIsAllowed() {
        Map<String, List<String>> allowed = Map.of(
                "call-center", List.of("GET customers", "GET complaints", "POST complaints", "PUT complaints",
                        "GET webhooks", "POST webhooks", "PUT webhooks"),
                "bi", List.of("GET analytics"),
                "internal", List.of("GET customers", "POST customers", "PUT customers", "GET complaints",
                        "POST complaints", "PUT complaints", "GET webhooks", "POST webhooks", "PUT webhooks"),
                "admin", List.of("GET customers", "POST customers", "PUT customers", "GET complaints",
                        "POST complaints", "PUT complaints", "GET analytics", "POST analytics", "PUT analytics",
                        "GET webhooks", "POST webhooks", "PUT webhooks"));
        for (String role : allowed.keySet()) {
            for (String route : List.of("customers", "complaints", "analytics", "webhooks")) {
                for (String method : List.of("GET", "POST", "PUT")) {
                    int expected = allowed.get(role).contains(method + " " + route) ? (method.equals("POST") ? 201 : 200)
                            : 403;
                    int actual = as(role).body("{}").contentType("application/json")
                            .request(method, "/api/" + route + "/x").statusCode();
                    assertEquals(expected, actual, role + " " + method + " /api/" + route);
                }
            }
        }
        as("bi").get("/api/customers/1").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("client-bi"));
    }

    @Test
    void withoutCredentialsIs401WithAChallengeAndAnUnknownRouteIs404() {
        given().get("/api/customers/1").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("ApiKey"));
        given().header("X-API-Key", "not-a-key").get("/api/customers/1").then().statusCode(401)
                .body("detail", containsString("unknown"));
        as("admin").get("/api/invoices/1").then().statusCode(404).contentType("application/problem+json");
        given().header("X-API-Key", StubBackends.KEYS.get("internal")).get("/api/customers/1").then().statusCode(200);
    }

    @Test
    void aRevokedKeyStopsWorkingWithoutARestart() throws Exception {
        Path keys = Path.of(ConfigProvider.getConfig().getValue("test.api-keys-file", String.class));
        String original = Files.readString(keys);
        String extra = "client-temp:" + StubBackends.sha256("key-temp") + ":internal:2026-11-23T00:00:00Z\n";
        Files.writeString(keys, original + extra);
        try {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().header("Authorization", "ApiKey key-temp")
                    .get("/api/customers/1").then().statusCode(200));
            Files.writeString(keys, original);
            keys.toFile().setLastModified(System.currentTimeMillis() + 2000);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().header("Authorization", "ApiKey key-temp")
                    .get("/api/customers/1").then().statusCode(401));
        } finally {
            Files.writeString(keys, original);
        }
    }

    @Test
    void jwtBearerTokensAreCheckedForSignatureIssuerAndExpiry() throws Exception {
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(
                Path.of(ConfigProvider.getConfig().getValue("test.jwt.private-key", String.class)))));
        String issuer = "https://login.crm-suite.test";
        bearer(jwt(key, issuer, List.of("bi"), 300)).get("/api/analytics/x").then().statusCode(200);
        bearer(jwt(key, issuer, List.of("bi"), 300)).get("/api/customers/x").then().statusCode(403);
        bearer(jwt(key, issuer, List.of("bi"), -300)).get("/api/analytics/x").then().statusCode(401)
                .body("detail", containsString("expired"));
        bearer(jwt(key, "https://evil.example", List.of("admin"), 300)).get("/api/analytics/x").then().statusCode(401)
                .body("detail", containsString("issuer"));
        PrivateKey other = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        bearer(jwt(other, issuer, List.of("admin"), 300)).get("/api/analytics/x").then().statusCode(401)
                .body("detail", containsString("signature"));
        bearer("not.a.token").get("/api/analytics/x").then().statusCode(401);
    }

    /**
     * client-limited has a burst of 3 and one token per 1,000 s (StubBackends), so no token comes back during the
     * test however long its requests take; how the bucket refills over time is RateLimiterTest's.
     */
    @Test
    void aFloodingClientIsLimitedWithRetryAfter() {
        for (int remaining = 2; remaining >= 0; remaining--) {
            as("limited").get("/api/analytics/x").then().statusCode(200)
                    .header("RateLimit-Policy", "\"client\";q=3;w=3000")
                    .header("RateLimit", containsString("r=" + remaining + ";"));
        }
        int hits = (int) StubBackends.StubControl.invoke("hits", "analytics");
        String retryAfter = as("limited").get("/api/analytics/x").then().statusCode(429)
                .contentType("application/problem+json").header("RateLimit", containsString("r=0;"))
                .header("Retry-After", matchesPattern("\\d+")).extract().header("Retry-After");
        // the next token is at most 1,000 s away: less by the time the test has taken so far
        org.hamcrest.MatcherAssert.assertThat(Long.parseLong(retryAfter),
                org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThan(0L))
                        .and(org.hamcrest.Matchers.lessThanOrEqualTo(1000L)));
        assertEquals(hits, (int) StubBackends.StubControl.invoke("hits", "analytics"), "a refused call reaches nobody");
        as("bi").get("/api/analytics/x").then().statusCode(200); // another client is not slowed
    }

    @Test
    void aStoppedServiceIs502NamingItAndComesBack() {
        StubBackends.StubControl.invoke("stop", "customers");
        try {
            as("internal").get("/api/customers/1").then().statusCode(502).contentType("application/problem+json")
                    .body("service", is("customer-service"));
        } finally {
            StubBackends.StubControl.invoke("start", "customers");
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> as("internal").get("/api/customers/1").then()
                .statusCode(200));
    }

    /**
     * The breaker (3 failures, open for 2 s: StubBackends) opens when the third call times out, which is at least
     * the response timeout (1 s) after that call was sent. A call answered sooner than 1 s + 2 s after it must
     * meet the open breaker; on a machine too slow for that, it may be the trial call, and that is all the test
     * asserts. How the breaker moves in time is CircuitBreakerTest's.
     */
    @Test
    void aSlowServiceTimesOutThenTheBreakerOpensAndClosesAgain() {
        long thirdSent = 0;
        for (int i = 0; i < 3; i++) {
            thirdSent = System.nanoTime();
            as("admin").header("X-Stub-Delay-Ms", "1500").get("/api/analytics/slow").then().statusCode(504)
                    .body("service", is("analytics-service"));
        }
        int hits = (int) StubBackends.StubControl.invoke("hits", "analytics");
        var answer = as("admin").get("/api/analytics/fast").then().extract();
        boolean surelyOpen = System.nanoTime() - thirdSent < Duration.ofSeconds(1 + 2).toNanos();
        if (surelyOpen) {
            assertEquals(503, answer.statusCode());
            org.hamcrest.MatcherAssert.assertThat(answer.header("Retry-After"), matchesPattern("[12]"));
            org.hamcrest.MatcherAssert.assertThat(answer.body().asString(), containsString("circuit breaker"));
            assertEquals(hits, (int) StubBackends.StubControl.invoke("hits", "analytics"), "an open breaker calls nobody");
        } else {
            org.hamcrest.MatcherAssert.assertThat(answer.statusCode(), org.hamcrest.Matchers.oneOf(503, 200));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("admin").get("/api/analytics/fast").then()
                .statusCode(200));
        as("admin").get("/api/analytics/fast").then().statusCode(200);
    }

    @Test
    void headersPassThroughAndLocationIsRewrittenToThePublicPath() {
        as("internal").header("If-Match", "\"3\"").header("Idempotency-Key", "k-1").contentType("application/json")
                .body("{\"name\":\"x\"}").post("/api/customers?x=1").then().statusCode(201)
                .header("Location", "/api/customers/42").header("ETag", "\"7\"")
                .body("uri", is("/customers?x=1")).body("method", is("POST")).body("bodyLength", is(12))
                .body("headers.if-match", is("'3'")).body("headers.idempotency-key", is("k-1"))
                .body("headers.authorization", nullValue()).body("headers.x-api-key", nullValue())
                .body("headers.x-client-id", is("client-internal"));
    }

    /** The stub echoes a header's first value: a client's own, passed on before the gateway's, would show there. */
    @Test
    void whatAClientSendsUnderTheGatewaysOwnHeaderNamesNeverReachesTheService() {
        as("internal").header("x-client-id", "intruder").header("X-CLIENT-ROLES", "admin")
                .header("X-Forwarded-Host", "evil.example").header("x-forwarded-proto", "https")
                .header("Forwarded", "for=10.0.0.1;host=evil.example")
                .get("/api/customers/1").then().statusCode(200)
                .body("headers.x-client-id", is("client-internal")).body("headers.x-client-roles", is("internal"))
                .body("headers.x-forwarded-host", not("evil.example")).body("headers.x-forwarded-proto", is("http"))
                .body("headers.forwarded", nullValue());
    }

    @Test
    void theRequestIdAndTraceContextArePropagated() {
        var generated = as("internal").get("/api/customers/1").then().statusCode(200)
                .header("X-Request-Id", notNullValue()).extract();
        assertEquals(generated.header("X-Request-Id"), generated.path("headers.x-request-id"));
        org.hamcrest.MatcherAssert.assertThat(generated.path("headers.traceparent"),
                matchesPattern("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
        String trace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        as("internal").header("X-Request-Id", "my-id-1").header("traceparent", trace).get("/api/customers/1").then()
                .header("X-Request-Id", "my-id-1").body("headers.x-request-id", is("my-id-1"))
                .body("headers.traceparent", is(trace));
    }

    /**
     * Vert.x's pipe used to end the response it could not write to, then throw: an ERROR per hang-up. The service
     * holds its answer until the client is gone for sure, and the test asserts only once the gateway has dealt
     * with the answer (its debug line for the request, or an error), so no sleep decides the outcome.
     */
    @Test
    void aClientHangingUpBeforeItsAnswerLeavesNoUncaughtError() throws Exception {
        String requestId = "hang-up-" + UUID.randomUUID();
        try (CapturedLog log = CapturedLog.start(PROXY)) {
            try (Socket socket = new Socket("localhost", RestAssured.port)) {
                socket.getOutputStream().write(("GET /api/customers/hang-up HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
                        + StubBackends.KEYS.get("internal") + "\r\nX-Request-Id: " + requestId + "\r\nX-Stub-Hold: "
                        + requestId + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> (boolean) StubBackends.StubControl.invoke("holding", requestId));
                // closed with a reset: the connection is dead for the gateway at once, whatever it has read yet
                socket.setSoLinger(true, 0);
            }
            StubBackends.StubControl.invoke("release", requestId);
            await().atMost(Duration.ofSeconds(30)).until(() -> log.has(PROXY, requestId) || !log.errors().isEmpty());
            assertEquals(List.of(), log.errors());
        }
        as("internal").get("/api/customers/1").then().statusCode(200);
    }

    /**
     * A client that sends part of a chunked body and hangs up: the service must see a cut request, never a whole
     * shorter one (Vert.x's pipe would end the outgoing request with the last chunk). The service holds the request
     * until the client is gone for sure, then reads the body; the test waits for how that read ended.
     */
    @Test
    void aClientHangingUpMidBodyReachesTheServiceAsACutRequest() throws Exception {
        String requestId = "cut-" + UUID.randomUUID();
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.getOutputStream().write(("POST /api/customers HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
                    + StubBackends.KEYS.get("internal") + "\r\nX-Request-Id: " + requestId + "\r\nX-Stub-Hold: "
                    + requestId + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "9\r\n{\"name\":\"\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> (boolean) StubBackends.StubControl.invoke("holding", requestId));
            socket.setSoLinger(true, 0);
        }
        StubBackends.StubControl.invoke("release", requestId);
        await().atMost(Duration.ofSeconds(30)).until(() -> StubBackends.StubControl.invoke("body", requestId) != null);
        assertEquals("cut", StubBackends.StubControl.invoke("body", requestId));
        as("internal").get("/api/customers/1").then().statusCode(200);
    }

    /**
     * A chunked body has no declared length: the gateway counts it on the way and cuts it at the limit, so the
     * service sees a cut request (never a whole one), the client gets 413, and the replica is not blamed for a
     * failure that was the client's.
     */
    @Test
    void aChunkedBodyOverTheLimitIs413AndCountsNothingAgainstTheReplica() throws Exception {
        double closedBefore = closedFailures();
        String requestId = "big-" + UUID.randomUUID();
        String answer;
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            Thread upload = new Thread(() -> {
                try {
                    var out = socket.getOutputStream();
                    out.write(("POST /api/customers HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
                            + StubBackends.KEYS.get("internal") + "\r\nX-Request-Id: " + requestId
                            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = ("10000\r\n" + "a".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < 20; i++) { // 1.25 MiB, over the 1 MiB limit
                        out.write(chunk);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closedByTheGateway) {
                    // expected once the gateway has answered 413 and closed the connection
                }
            });
            upload.start();
            answer = readUntilClosed(socket);
            upload.join(30_000);
        }
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("application/problem+json"), answer);
        await().atMost(Duration.ofSeconds(30)).until(() -> StubBackends.StubControl.invoke("body", requestId) != null);
        assertEquals("cut", StubBackends.StubControl.invoke("body", requestId));
        assertEquals(closedBefore, closedFailures(), "the replica is not blamed for the client's body");
        as("internal").get("/api/customers/1").then().statusCode(200);
    }

    /** What arrived before the peer closed or reset the connection (a reset follows a close with unread data). */
    private static String readUntilClosed(Socket socket) throws IOException {
        java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = socket.getInputStream().read(buffer)) > 0;) {
                read.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // the answer came before the reset
        }
        return read.toString(StandardCharsets.ISO_8859_1);
    }

    /** crm_gateway_replica_failures_total of the customers route for connections closed before an answer. */
    private static double closedFailures() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("crm_gateway_replica_failures_total{") && l.contains("reason=\"closed\"")
                        && l.contains("route=\"customers\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aClientsRequestIdThatCouldSplitALogFieldIsReplaced() {
        var answer = as("internal").header("X-Request-Id", "id client=admin").get("/api/customers/1").then()
                .statusCode(200).extract();
        org.hamcrest.MatcherAssert.assertThat(answer.header("X-Request-Id"), matchesPattern("[0-9a-f-]{36}"));
        assertEquals(answer.header("X-Request-Id"), answer.path("headers.x-request-id"));
    }

    /** curl sends Expect: 100-continue above 1 KiB and waits a second for an answer that never came. */
    @Test
    void aClientExpecting100ContinueIsToldToGoOnAtOnce() throws Exception {
        String body = "{\"name\":\"" + "a".repeat(2000) + "\"}";
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST /api/customers HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
                    + StubBackends.KEYS.get("internal") + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] interim = new byte["HTTP/1.1 100 Continue".length()];
            new java.io.DataInputStream(socket.getInputStream()).readFully(interim); // before any body byte is sent
            assertEquals("HTTP/1.1 100 Continue", new String(interim, StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body.getBytes(StandardCharsets.US_ASCII));
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            for (int n; !answer.toString().endsWith("}}") && (n = socket.getInputStream().read(buffer)) > 0;) {
                answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1)); // the stub's echo ends "}}"
            }
            assertTrue(answer.toString().contains("HTTP/1.1 201"), answer.toString());
            assertTrue(!answer.toString().contains("\"expect\""), "the gateway answered the expectation: " + answer);
        }
    }

    @Test
    void pathsAndMethodsNothingServesAreProblemsToo() {
        given().get("/foo").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("/api"));
        given().post("/api/openapi").then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413() {
        as("internal").contentType("application/json").body("{\"x\":\"" + "a".repeat(1_100_000) + "\"}")
                .post("/api/customers").then().statusCode(413);
    }

    private static RequestSpecification as(String role) {
        return given().header("Authorization", "ApiKey " + StubBackends.KEYS.get(role));
    }

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static String jwt(PrivateKey key, String issuer, List<String> groups, long expiresInSeconds) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject("bi-tool");
        claims.setAudience("crm-suite");
        claims.setStringListClaim("groups", groups);
        claims.setIssuedAtToNow();
        NumericDate expiry = NumericDate.now();
        expiry.addSeconds(expiresInSeconds);
        claims.setExpirationTime(expiry);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
