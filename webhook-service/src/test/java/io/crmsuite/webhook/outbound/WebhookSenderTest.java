package io.crmsuite.webhook.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.crmsuite.webhook.Receiver;
import io.vertx.core.Vertx;

/** One attempt against a real HTTP receiver: the request on the wire, and each way an attempt can end. */
class WebhookSenderTest {

    private static Vertx vertx;
    private Receiver receiver;
    private final TargetPolicy local = new TargetPolicy(TargetPolicy.PrivateTargets.LOOPBACK, true, InetAddress::getAllByName);

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void startReceiver() {
        receiver = new Receiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private WebhookSender sender(TargetPolicy policy, Duration timeout) {
        return new WebhookSender(vertx, policy, Clock.systemUTC(), timeout, Duration.ofSeconds(1), 64, 2);
    }

    private static AttemptResult send(WebhookSender sender, String url, String body, List<String> secrets) throws Exception {
        return sender.send(new OutgoingWebhook(url, "evt-1", body, secrets)).get(30, TimeUnit.SECONDS);
    }

    @Test
    void postsTheBodyAsItIsWithTheStandardWebhooksHeaders() throws Exception {
        String secret = Signatures.newSecret();
        String body = "{\"specversion\":\"1.0\",\"id\":\"evt-1\",\"data\":{\"text\":\"\u00e9\u2713\"}}";
        long before = System.currentTimeMillis() / 1000;
        AttemptResult result = send(sender(local, Duration.ofSeconds(5)), receiver.url() + "?tenant=a", body, List.of(secret));
        long after = System.currentTimeMillis() / 1000;

        assertEquals(AttemptResult.Outcome.DELIVERED, result.outcome());
        assertEquals(204, result.statusCode());
        Receiver.Request request = receiver.requests().get(0);
        assertEquals("/hooks/crm?tenant=a", request.path());
        assertEquals(body, request.bodyText(), "the body goes out byte for byte");
        assertEquals("application/json", request.header("content-type"));
        assertEquals("evt-1", request.webhookId());
        long timestamp = Long.parseLong(request.header("webhook-timestamp"));
        assertTrue(timestamp >= before && timestamp <= after, "unix seconds of the attempt: " + timestamp);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        mac.update(("evt-1." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        assertEquals("v1," + Base64.getEncoder().encodeToString(mac.doFinal(request.body())),
                request.header("webhook-signature"));
    }

    @Test
    void aHostThatResolvesToAPrivateAddressByTheTimeOfTheAttemptIsNotCalled() throws Exception {
        // DNS rebinding: public when the subscription was checked, loopback (the receiver) when the attempt is made
        AtomicInteger lookups = new AtomicInteger();
        TargetPolicy strict = new TargetPolicy(TargetPolicy.PrivateTargets.REFUSE, true, host -> new InetAddress[] {
                lookups.getAndIncrement() == 0 ? InetAddress.getByName("93.184.215.14") : InetAddress.getByName("127.0.0.1") });
        String url = "http://receiver.example.com:" + receiver.port() + "/hooks/crm";
        assertNull(strict.problem(url), "accepted when subscribed");

        AttemptResult result = send(sender(strict, Duration.ofSeconds(5)), url, "{}", List.of(Signatures.newSecret()));

        assertEquals(AttemptResult.Outcome.REFUSED, result.outcome());
        assertTrue(result.error().contains("127.0.0.1"), result.error());
        assertEquals(0, receiver.requests().size(), "nothing reached the private address");
    }

    @Test
    void aReceiverSlowerThanTheTimeoutFailsTheAttempt() throws Exception {
        receiver.holdRequests();
        AttemptResult result = send(sender(local, Duration.ofMillis(500)), receiver.url(), "{}", List.of(Signatures.newSecret()));
        assertEquals(AttemptResult.Outcome.TIMEOUT, result.outcome());
        assertNull(result.statusCode());
        assertEquals(1, receiver.requests().size(), "the request went out; the answer did not come in time");
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsAFailure() throws Exception {
        try (Receiver elsewhere = new Receiver()) {
            receiver.answer(302, "");
            receiver.answerHeader("Location", elsewhere.url());
            AttemptResult result = send(sender(local, Duration.ofSeconds(5)), receiver.url(), "{}",
                    List.of(Signatures.newSecret()));
            assertEquals(AttemptResult.Outcome.REJECTED, result.outcome());
            assertEquals(302, result.statusCode());
            assertEquals(0, elsewhere.requests().size());
        }
    }

    @Test
    void onlyTheStartOfALargeAnswerIsRead() throws Exception {
        receiver.answer(200, "x".repeat(1_000_000));
        AttemptResult result = send(sender(local, Duration.ofSeconds(10)), receiver.url(), "{}", List.of(Signatures.newSecret()));
        assertEquals(AttemptResult.Outcome.DELIVERED, result.outcome());
        assertEquals("x".repeat(64), result.response(), "max-response-bytes (64 here) of the answer are kept");
    }

    @Test
    void goneAndOtherStatusesAndARefusedConnectionAreToldApart() throws Exception {
        WebhookSender sender = sender(local, Duration.ofSeconds(5));
        receiver.answer(410, "unsubscribe me");
        AttemptResult gone = send(sender, receiver.url(), "{}", List.of(Signatures.newSecret()));
        assertEquals(AttemptResult.Outcome.GONE, gone.outcome());
        assertEquals("unsubscribe me", gone.response());

        receiver.answer(503, "busy");
        AttemptResult rejected = send(sender, receiver.url(), "{}", List.of(Signatures.newSecret()));
        assertEquals(AttemptResult.Outcome.REJECTED, rejected.outcome());
        assertEquals("HTTP 503", rejected.describe());

        receiver.stop();
        AttemptResult unreachable = send(sender, receiver.url(), "{}", List.of(Signatures.newSecret()));
        assertEquals(AttemptResult.Outcome.UNREACHABLE, unreachable.outcome());
        assertNull(unreachable.statusCode());
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertEquals(Duration.ofSeconds(120), WebhookSender.retryAfter("120"));
        assertNull(WebhookSender.retryAfter("soon"));
        assertNull(WebhookSender.retryAfter(null));
        assertEquals(Duration.ZERO, WebhookSender.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"), "a date in the past");
    }

    @Test
    void controlCharactersOfAnAnswerAreNotKept() {
        assertEquals("a\uFFFDb\tc\n", WebhookSender.printable("a\u0000b\tc\n"));
    }
}
