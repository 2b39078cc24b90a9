package io.crmsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * The complaints route has two replicas (StubBackends): complaints-1 ("A") and complaints-2 ("B"), a back-off of
 * 2 s at first, up to 5 s, and breakers opening after 3 failures for 2 s. Every test starts once both replicas have
 * answered (so neither backs off and both breakers are closed) and leaves both running. Taken in turn, two
 * replicas that can both take requests get every other one: of two requests in a row, exactly one goes to B, which
 * is what makes these tests deterministic. Connection failures are counted by the gateway's metric
 * {@code crm.gateway.replica.failures}, the only place a refused connection leaves a trace.
 */
@QuarkusTest
class ReplicasTest {

    private static final String A = "complaints-1";
    private static final String B = "complaints-2";

    @Inject
    MeterRegistry registry;

    @Test
    void requestsTakeTheReplicasInTurn() {
        bothReplicasServe();
        int hitsA = hits(A);
        int hitsB = hits(B);
        List<String> answeredBy = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answeredBy.add(get().then().statusCode(200).extract().path("replica"));
        }
        assertEquals(Map.of(A, 5L, B, 5L), counts(answeredBy));
        assertEquals(5, hits(A) - hitsA);
        assertEquals(5, hits(B) - hitsB);
    }

    /**
     * The back-off begins after the failed request was sent, so while less than its 2 s have passed since then B
     * must not be tried again; on a machine too slow for that, B may be tried again and the GETs must still be
     * answered, which is all the test asserts then. How the back-off moves in time is ReplicaBackoffTest's.
     */
    @Test
    void aGetMeetingAStoppedReplicaIsAnsweredByTheOtherWhichThenTakesEveryRequestUntilTheStoppedOneIsBack() {
        bothReplicasServe();
        double refusedBefore = failures(B, "connect");
        int hitsA = hits(A);
        StubBackends.StubControl.invoke("stop", B);
        try {
            long firstSent = System.nanoTime();
            for (int i = 0; i < 12; i++) {
                get().then().statusCode(200).body("replica", is(A));
            }
            boolean backOffSurelyRunning = System.nanoTime() - firstSent < Duration.ofSeconds(2).toNanos();
            double refused = failures(B, "connect") - refusedBefore;
            if (backOffSurelyRunning) {
                assertEquals(1, refused, "B is tried by one of the first two GETs, then passed over");
            } else {
                assertTrue(refused >= 1, "one of the first two GETs went to B");
            }
            assertEquals(12, hits(A) - hitsA, "each GET reached A once");
        } finally {
            StubBackends.StubControl.invoke("start", B);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get().then().statusCode(200).body("replica", is(B)));
    }

    /** One of the two POSTs goes to B first; its body was never read then, so A must receive it whole. */
    @Test
    void aPostWithAnIdempotencyKeyMeetingAStoppedReplicaReachesTheOtherOnceWithItsWholeBody() {
        bothReplicasServe();
        double refusedBefore = failures(B, "connect");
        String body = "{\"description\":\"" + "x".repeat(200_000) + "\"}";
        StubBackends.StubControl.invoke("stop", B);
        try {
            for (int i = 0; i < 2; i++) {
                String key = "retry-" + UUID.randomUUID();
                as("call-center").header("Idempotency-Key", key).contentType("application/json").body(body)
                        .post("/api/complaints").then().statusCode(201).body("replica", is(A))
                        .body("bodyLength", is(body.length())).body("headers.idempotency-key", is(key));
                assertEquals(1, (int) StubBackends.StubControl.invoke("received", key), "sent once, to A");
            }
            assertEquals(1, failures(B, "connect") - refusedBefore, "exactly one of them was retried");
        } finally {
            StubBackends.StubControl.invoke("start", B);
        }
    }

    /**
     * Without a key a POST is never sent twice: the ones that met B are 502, one for each refused connection, and
     * A received exactly the ones answered 201. One of the first two meets B whatever the machine's speed.
     */
    @Test
    void aPostWithoutKeyMeetingAStoppedReplicaIs502AndIsNotSentElsewhere() {
        bothReplicasServe();
        double refusedBefore = failures(B, "connect");
        int hitsA = hits(A);
        List<Integer> statuses = new ArrayList<>();
        StubBackends.StubControl.invoke("stop", B);
        try {
            for (int i = 0; i < 6; i++) {
                ExtractableResponse<Response> answer = as("call-center").contentType("application/json")
                        .body("{\"n\":" + i + "}").post("/api/complaints").then().extract();
                statuses.add(answer.statusCode());
                if (answer.statusCode() == 502) {
                    assertEquals("application/problem+json", answer.contentType());
                    assertEquals("complaint-service", answer.path("service"));
                } else {
                    assertEquals(201, answer.statusCode());
                    assertEquals(A, answer.path("replica"));
                }
            }
        } finally {
            StubBackends.StubControl.invoke("start", B);
        }
        long failed = statuses.stream().filter(status -> status == 502).count();
        assertTrue(failed >= 1, "one of the first two POSTs met B: " + statuses);
        assertEquals(failed, (long) (failures(B, "connect") - refusedBefore), "a 502 for each refused connection");
        assertEquals(statuses.size() - failed, hits(A) - hitsA, "A received only the POSTs it answered");
    }

    /**
     * B answers 503 with Retry-After: 5, as a service whose store is down; one of the next two GETs meets it and
     * gets its answer (the request was sent: it is not retried). While less than 5 s have passed since, B must
     * not be asked again; on a slower machine that is not asserted.
     */
    @Test
    void aReplicaAnswering503WithRetryAfterIsPassedOverWhileTheOtherServes() {
        bothReplicasServe();
        double unavailableBefore = failures(B, "unavailable");
        int hitsB = hits(B);
        StubBackends.StubControl.invoke("unavailable", B);
        try {
            long firstSent = System.nanoTime();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ExtractableResponse<Response> answer = get().then().extract();
                statuses.add(answer.statusCode());
                if (answer.statusCode() == 503) {
                    assertEquals("5", answer.header("Retry-After"));
                    assertEquals(B, answer.path("replica"), "the service's own problem document");
                }
            }
            assertEquals(List.of(200, 503), statuses.stream().sorted().toList());
            for (int i = 0; i < 10; i++) {
                get().then().statusCode(200).body("replica", is(A));
            }
            if (System.nanoTime() - firstSent < Duration.ofSeconds(5).toNanos()) {
                assertEquals(1, hits(B) - hitsB, "B was passed over after its 503");
            }
            assertEquals(1, failures(B, "unavailable") - unavailableBefore);
        } finally {
            StubBackends.StubControl.invoke("available", B);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get().then().statusCode(200).body("replica", is(B)));
    }

    /**
     * With both replicas refusing, the attempts a request makes are exactly what the retry rule allows: a GET and a
     * POST with a key try each replica once, a POST without a key only one. (Two failures per replica stay below
     * the breakers' 3 before the last POST.)
     */
    @Test
    void withEveryReplicaRefusingEachIsTriedOnceAndOnlyWhenTheRequestMayBeRetried() {
        bothReplicasServe();
        StubBackends.StubControl.invoke("stop", A);
        StubBackends.StubControl.invoke("stop", B);
        try {
            double before = failures(A, "connect") + failures(B, "connect");
            double refusedA = failures(A, "connect");
            get().then().statusCode(502).contentType("application/problem+json")
                    .body("service", is("complaint-service")).body("detail", containsString("tried 2 replicas"));
            assertEquals(2, failures(A, "connect") + failures(B, "connect") - before);
            assertEquals(1, failures(A, "connect") - refusedA, "each replica once");

            as("call-center").header("Idempotency-Key", "all-down-" + UUID.randomUUID()).contentType("application/json")
                    .body("{}").post("/api/complaints").then().statusCode(502);
            assertEquals(4, failures(A, "connect") + failures(B, "connect") - before);

            as("call-center").contentType("application/json").body("{}").post("/api/complaints").then().statusCode(502)
                    .body("detail", org.hamcrest.Matchers.not(containsString("tried")));
            assertEquals(5, failures(A, "connect") + failures(B, "connect") - before);
        } finally {
            StubBackends.StubControl.invoke("start", A);
            StubBackends.StubControl.invoke("start", B);
        }
    }

    /**
     * A replica that dies with the request in flight (A closes the connection without answering): of two requests
     * in a row one meets A. A read, and a POST with a key and a small body (the gateway kept it), are sent to B and
     * answered; B answers a keyed POST once more than A received it. A POST without a key, or with a body too large
     * to keep, gets 502: A may have acted on it. A is backed off after each cut, so each pair starts once both serve.
     */
    @Test
    void aReadOrAKeyedPostCutByADyingReplicaIsAnsweredByTheOther() {
        bothReplicasServe();
        double cutBefore = failures(A, "closed");
        for (int i = 0; i < 2; i++) {
            as("call-center").header("X-Stub-Die", A).get("/api/complaints/c-1").then().statusCode(200)
                    .body("replica", is(B));
        }
        assertEquals(1, failures(A, "closed") - cutBefore, "one GET met A and was sent again");

        bothReplicasServe();
        List<String> keys = List.of("cut-" + UUID.randomUUID(), "cut-" + UUID.randomUUID());
        for (String key : keys) {
            as("call-center").header("X-Stub-Die", A).header("Idempotency-Key", key).contentType("application/json")
                    .body("{\"description\":\"small\"}").post("/api/complaints").then().statusCode(201)
                    .body("replica", is(B)).body("bodyLength", is(23));
        }
        int received = keys.stream().mapToInt(k -> (int) StubBackends.StubControl.invoke("received", k)).sum();
        assertEquals(3, received, "the POST that met A reached B too, the other only B");
        assertEquals(2, failures(A, "closed") - cutBefore);

        bothReplicasServe();
        List<Integer> withoutKey = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            withoutKey.add(as("call-center").header("X-Stub-Die", A).contentType("application/json").body("{}")
                    .post("/api/complaints").then().extract().statusCode());
        }
        assertEquals(List.of(201, 502), withoutKey.stream().sorted().toList(), "without a key it is not sent again");

        bothReplicasServe();
        String large = "{\"description\":\"" + "x".repeat(100_000) + "\"}";
        List<Integer> largeBodies = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            largeBodies.add(as("call-center").header("X-Stub-Die", A).header("Idempotency-Key", "cut-" + UUID.randomUUID())
                    .contentType("application/json").body(large).post("/api/complaints").then().extract().statusCode());
        }
        assertEquals(List.of(201, 502), largeBodies.stream().sorted().toList(), "a streamed body is not sent again");
    }

    /**
     * The JDK's HttpClient speaks HTTP/2 by default (an h2c upgrade on plain http), where a request read to its end
     * cannot be paused: a keyed POST, whose body the gateway reads before sending it, hung there once. Both
     * replicas answer it in turn, and a cut one is sent to the other, as over HTTP/1.1.
     */
    @Test
    void anHttp2ClientsKeyedPostsAreAnsweredAndResentToo() throws Exception {
        bothReplicasServe();
        HttpClient http2 = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(5)).build();
        List<String> answeredBy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String key = "h2-" + UUID.randomUUID();
            HttpRequest.Builder post = HttpRequest.newBuilder(
                    URI.create("http://localhost:" + RestAssured.port + "/api/complaints"))
                    .timeout(Duration.ofSeconds(10)).header("X-API-Key", StubBackends.KEYS.get("call-center"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"small\"}"));
            if (i >= 2) {
                post.header("X-Stub-Die", A);
            }
            HttpResponse<String> answer = http2.send(post.build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, answer.statusCode(), answer.body());
            answeredBy.add(JsonPath.from(answer.body()).getString("replica"));
            if (i == 1) {
                bothReplicasServe();
            }
        }
        assertEquals(Map.of(A, 1L, B, 3L), counts(answeredBy), "in turn, then the cut one on B: " + answeredBy);
    }

    /** Waits (bounded) until each replica has answered a GET: both then take requests, in turn. */
    private static void bothReplicasServe() {
        Set<String> answered = new HashSet<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ExtractableResponse<Response> answer = get().then().extract();
            if (answer.statusCode() == 200) {
                answered.add(answer.path("replica"));
            }
            assertEquals(Set.of(A, B), answered);
        });
    }

    private double failures(String stub, String reason) {
        Counter counter = registry.find("crm.gateway.replica.failures").tag("route", "complaints")
                .tag("replica", replicaUrl(stub)).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The URL of complaints-1 or -2, in the order StubBackends configured them. */
    private static String replicaUrl(String stub) {
        String[] urls = ConfigProvider.getConfig().getValue("crm.gateway.backends.complaints.url", String.class)
                .split(",");
        return urls[stub.equals(A) ? 0 : 1];
    }

    private static int hits(String stub) {
        return (int) StubBackends.StubControl.invoke("hits", stub);
    }

    private static Map<String, Long> counts(List<String> values) {
        return values.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static Response get() {
        return as("call-center").get("/api/complaints/c-1");
    }

    private static RequestSpecification as(String role) {
        return given().header("Authorization", "ApiKey " + StubBackends.KEYS.get(role));
    }
}
