package io.crmsuite.webhook.outbound;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLException;

import io.crmsuite.webhook.config.WebhookConfig;
import io.crmsuite.webhook.outbound.AttemptResult.Outcome;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sends one signed webhook and says what came of it. Non-blocking (Vert.x's HTTP client): a receiver that takes
 * its time holds no thread, only its place among the attempts in flight, so a slow or dead receiver never delays
 * the others. The name is resolved and checked ({@link TargetPolicy}) right before the attempt and the connection
 * goes to exactly the address checked, with the URL's host for {@code Host}, SNI and the certificate check.
 * Redirects are not followed; the whole attempt (connect, send, answer) has one deadline; at most
 * {@code max-response-bytes} of the answer are read, then the connection is dropped.
 */
@ApplicationScoped
public class WebhookSender {

    private static final String USER_AGENT = "crm-suite-webhooks/1.0 (Standard Webhooks)";

    private final Vertx vertx;
    private final TargetPolicy policy;
    private final Clock clock;
    private final long timeoutMs;
    private final int maxResponseBytes;
    private final HttpClient client;
    /** Name resolution blocks (the JVM's resolver): it runs here, never on an event loop or the dispatcher. */
    private final ExecutorService resolving;

    @Inject
    WebhookSender(Vertx vertx, TargetPolicy policy, Clock clock, WebhookConfig config) {
        this(vertx, policy, clock, config.delivery().timeout(), config.delivery().connectTimeout(),
                config.delivery().maxResponseBytes(), config.delivery().maxInFlightPerSubscription());
    }

    public WebhookSender(Vertx vertx, TargetPolicy policy, Clock clock, Duration timeout, Duration connectTimeout,
            int maxResponseBytes, int connectionsPerReceiver) {
        this.vertx = vertx;
        this.policy = policy;
        this.clock = clock;
        this.timeoutMs = timeout.toMillis();
        this.maxResponseBytes = maxResponseBytes;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(connectTimeout.toMillis(), timeout.toMillis()))
                .setKeepAlive(true).setKeepAliveTimeout(30)
                .setMaxPoolSize(Math.max(1, connectionsPerReceiver))
                .setVerifyHost(true).setForceSni(true).setTrustAll(false)
                .setMaxRedirects(0)
                .setDecompressionSupported(false));
        AtomicInteger threads = new AtomicInteger();
        this.resolving = Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "webhook-resolve-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Sends {@code webhook} now; the result is complete after the attempt's deadline at the latest. */
    public CompletableFuture<AttemptResult> send(OutgoingWebhook webhook) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return policy.resolve(webhook.url());
            } catch (TargetPolicy.Refused e) {
                throw new RefusedTarget(e.getMessage());
            }
        }, resolving).thenCompose(target -> post(target, webhook)).exceptionally(failure -> {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof RefusedTarget refused) {
                return AttemptResult.failed(Outcome.REFUSED, "the URL " + refused.getMessage());
            }
            return AttemptResult.failed(Outcome.UNREACHABLE, describe(cause));
        });
    }

    private CompletableFuture<AttemptResult> post(TargetPolicy.Target target, OutgoingWebhook webhook) {
        byte[] body = webhook.body().getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(target.address(), target.port())))
                .setHost(target.host()).setPort(target.port()).setSsl(target.https()).setURI(target.requestUri())
                .setFollowRedirects(false)
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", USER_AGENT)
                .putHeader("webhook-id", webhook.webhookId())
                .putHeader("webhook-timestamp", String.valueOf(timestamp))
                .putHeader("webhook-signature", Signatures.header(webhook.secrets(), webhook.webhookId(), timestamp, body));

        CompletableFuture<AttemptResult> result = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();
        long deadline = vertx.setTimer(timeoutMs, id -> {
            if (result.complete(AttemptResult.failed(Outcome.TIMEOUT, "no complete answer within " + timeoutMs + " ms"))) {
                HttpClientRequest request = inFlight.get();
                if (request != null) {
                    request.reset(0, new TimeoutException("webhook attempt timed out"));
                }
            }
        });
        result.whenComplete((r, e) -> vertx.cancelTimer(deadline));
        client.request(options).onComplete(created -> {
            if (created.failed()) {
                result.complete(AttemptResult.failed(Outcome.UNREACHABLE, describe(created.cause())));
                return;
            }
            HttpClientRequest request = created.result();
            inFlight.set(request);
            if (result.isDone()) { // timed out while connecting
                request.reset();
                return;
            }
            request.send(Buffer.buffer(body)).onComplete(answered -> {
                if (answered.failed()) {
                    result.complete(AttemptResult.failed(Outcome.UNREACHABLE, describe(answered.cause())));
                } else {
                    read(answered.result(), result);
                }
            });
        });
        return result;
    }

    /** Reads at most {@code maxResponseBytes} of the answer; completes at its end, at the limit, or on a failure. */
    private void read(HttpClientResponse response, CompletableFuture<AttemptResult> result) {
        int status = response.statusCode();
        Duration retryAfter = retryAfter(response.getHeader("Retry-After"));
        Buffer collected = Buffer.buffer();
        response.handler(chunk -> {
            int room = maxResponseBytes - collected.length();
            if (room > 0) {
                collected.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
            }
            if (collected.length() >= maxResponseBytes && result.complete(answer(status, collected, retryAfter))) {
                response.request().reset(); // the rest is not read: the connection goes
            }
        });
        response.exceptionHandler(e -> result.complete(answer(status, collected, retryAfter)));
        response.endHandler(v -> result.complete(answer(status, collected, retryAfter)));
    }

    private static AttemptResult answer(int status, Buffer body, Duration retryAfter) {
        Outcome outcome = status >= 200 && status < 300 ? Outcome.DELIVERED
                : status == 410 ? Outcome.GONE : Outcome.REJECTED;
        return new AttemptResult(outcome, status, printable(body.toString(StandardCharsets.UTF_8)), null, retryAfter);
    }

    /** The answer is stored and shown: no NUL (PostgreSQL refuses it in text) nor other control characters. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(
                (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || (c >= 0x7f && c <= 0x9f) ? '\uFFFD' : c));
        return out.toString();
    }

    /** Retry-After as seconds or as an HTTP date (RFC 9110); null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(java.time.Instant.now(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static String describe(Throwable failure) {
        String what = failure instanceof ConnectException ? "connection refused or unreachable"
                : failure instanceof SSLException ? "TLS failed"
                : failure.getClass().getSimpleName();
        String message = failure.getMessage();
        String text = message == null ? what : what + ": " + message;
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }

    /** Carries a policy refusal through the asynchronous chain. */
    private static final class RefusedTarget extends RuntimeException {
        RefusedTarget(String message) {
            super(message, null, false, false);
        }
    }

    @PreDestroy
    void close() {
        resolving.shutdownNow();
        client.close();
    }
}
