package io.crmsuite.gateway.proxy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.crmsuite.gateway.config.GatewayConfig;
import io.crmsuite.gateway.config.ReplicaUrl;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * One replica of a service: its address, its pooled keep-alive clients (one per event loop), its circuit breaker
 * and its passive back-off. What happened to each attempt is told here, so that the breaker, the back-off and the
 * metric {@code crm.gateway.replica.failures} always agree.
 */
final class Replica {

    final ReplicaUrl url;
    final CircuitBreaker breaker;
    final ReplicaBackoff backoff;
    private final Vertx vertx;
    private final HttpClientOptions options;
    private final Map<Thread, HttpClient> clients = new ConcurrentHashMap<>();
    private final Counter notConnected;
    private final Counter closedBeforeAnswer;
    private final Counter timedOut;
    private final Counter unavailable;

    Replica(Vertx vertx, String route, ReplicaUrl url, GatewayConfig.Backend config, MeterRegistry registry) {
        this.url = url;
        this.vertx = vertx;
        this.options = new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setDefaultHost(url.host()).setDefaultPort(url.port());
        this.breaker = new CircuitBreaker(config.breakerFailures(), config.breakerOpenFor());
        this.backoff = new ReplicaBackoff(config.replicaBackoff(), config.replicaBackoffMax());
        this.notConnected = failures(registry, route, "connect");
        this.closedBeforeAnswer = failures(registry, route, "closed");
        this.timedOut = failures(registry, route, "timeout");
        this.unavailable = failures(registry, route, "unavailable");
    }

    private Counter failures(MeterRegistry registry, String route, String reason) {
        return Counter.builder("crm.gateway.replica.failures")
                .description("Attempts that failed, by replica: connect (no connection, nothing sent), closed "
                        + "(connection closed before the answer), timeout (no answer in time), unavailable (503 with "
                        + "Retry-After)")
                .tag("route", route).tag("replica", url.toString()).tag("reason", reason).register(registry);
    }

    /**
     * The calling event loop's own pooled client: its connections live on that loop, so a proxied call and its
     * answer never hop to another thread (a shared pool hands out connections of any loop, and every answer
     * then costs a cross-thread wake-up).
     */
    HttpClient client() {
        return clients.computeIfAbsent(Thread.currentThread(),
                t -> vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(64)));
    }

    /** No connection could be had (refused, connect timeout, no free pooled one in time): nothing was sent. */
    void notConnected(long now) {
        breaker.failure(now);
        backoff.connectionFailed(now);
        notConnected.increment();
    }

    /** The connection closed or was reset after the request went out and before an answer began. */
    void closedBeforeAnswer(long now) {
        breaker.failure(now);
        backoff.connectionFailed(now);
        closedBeforeAnswer.increment();
    }

    /** No answer within the response timeout: slow, not gone, so the breaker counts it and the back-off does not. */
    void timedOut(long now) {
        breaker.failure(now);
        timedOut.increment();
    }

    /**
     * An answer began. A 503 with Retry-After is the service saying it cannot serve for that long (its store is
     * unreachable, its readiness DOWN): the replica is passed over meanwhile. Every 5xx counts for the breaker.
     */
    void answered(long now, int status, String retryAfter) {
        if (status >= 500) {
            breaker.failure(now);
        } else {
            breaker.success();
        }
        if (status == 503 && retryAfter != null) {
            backoff.unavailable(now, retryAfterDuration(retryAfter));
            unavailable.increment();
        } else {
            backoff.answered();
        }
    }

    /**
     * Its connections failed, or it said it cannot serve (503 with Retry-After), and it has not answered since:
     * {@link ReplicaProbe} asks it for its readiness. A breaker opened by timeouts alone is left to run its course:
     * a slow replica answers its readiness quickly all the same, and must be spared for a while.
     */
    boolean inTrouble() {
        return backoff.active();
    }

    /** Its readiness answered 200: its connections work and it serves again, so it takes requests at once. */
    void probedReady() {
        breaker.success();
        backoff.answered();
    }

    /** Delay-seconds as sent; an HTTP date (or anything else) counts as "briefly": the back-off's initial time. */
    static Duration retryAfterDuration(String retryAfter) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
