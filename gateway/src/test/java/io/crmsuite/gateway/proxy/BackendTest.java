package io.crmsuite.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.crmsuite.gateway.config.GatewayConfig;
import io.crmsuite.gateway.config.ReplicaUrl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

/**
 * Which replica takes the next attempt, with the time given: three replicas, breakers opening after 3 failures for
 * 2 s, a back-off of 1 s doubling up to 8 s. No request is sent (the Vert.x instance only lets replicas be made).
 */
class BackendTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long T0 = 1_000_000 * MS;
    private static final Vertx VERTX = Vertx.vertx();

    private final Backend backend = new Backend(VERTX, "complaints", config(8082, 8182, 8282), new SimpleMeterRegistry());
    private final Replica a = backend.replicas().get(0);
    private final Replica b = backend.replicas().get(1);
    private final Replica c = backend.replicas().get(2);

    @AfterAll
    static void closeVertx() {
        VERTX.close();
    }

    @Test
    void takesTheReplicasInTurn() {
        assertEquals(List.of(a, b, c, a, b, c), choices(6, T0, List.of()));
    }

    @Test
    void passesOverAReplicaWhoseConnectionFailedUntilItsBackOffEndsAndTheOthersShareItsTurns() {
        b.notConnected(T0);
        assertEquals(Map.of(a, 3L, c, 3L), counts(choices(6, T0 + 999 * MS, List.of())));
        assertEquals(Map.of(a, 1L, b, 1L, c, 1L), counts(choices(3, T0 + 1000 * MS, List.of())),
                "then tried again with real traffic");
    }

    @Test
    void passesOverAReplicaAnswering503WithRetryAfterForThatLong() {
        b.answered(T0, 503, "5");
        assertEquals(Map.of(a, 2L, c, 2L), counts(choices(4, T0 + 4999 * MS, List.of())));
        assertEquals(Map.of(a, 1L, b, 1L, c, 1L), counts(choices(3, T0 + 5000 * MS, List.of())));
        c.answered(T0, 503, null); // a 503 that does not say for how long is the breaker's business only
        assertEquals(Map.of(a, 1L, b, 1L, c, 1L), counts(choices(3, T0 + 5000 * MS, List.of())));
    }

    @Test
    void neverChoosesAReplicaTheRequestAlreadyTried() {
        assertEquals(Map.of(b, 2L, c, 2L), counts(choices(4, T0, List.of(a))));
        assertNull(backend.choose(T0, List.of(a, b, c)), "one attempt per replica at most");
    }

    @Test
    void whenEveryReplicaLeftBacksOffTheOneFreeSoonestIsStillTried() {
        c.notConnected(T0 + 200 * MS);
        a.notConnected(T0 + 100 * MS);
        b.notConnected(T0 + 300 * MS);
        assertEquals(a, backend.choose(T0 + 400 * MS, List.of()));
        assertEquals(c, backend.choose(T0 + 400 * MS, List.of(a)));
        assertEquals(b, backend.choose(T0 + 400 * MS, List.of(a, c)));
    }

    @Test
    void anOpenBreakerTakesItsReplicaOutAndWithEveryOneOpenNoReplicaIsChosen() {
        fail(b, T0, 3);
        assertEquals(Map.of(a, 2L, c, 2L), counts(choices(4, T0 + 100 * MS, List.of())));
        fail(a, T0 + 500 * MS, 3);
        fail(c, T0 + 1000 * MS, 3);
        assertNull(backend.choose(T0 + 1100 * MS, List.of()));
        assertEquals(1, backend.retryAfterSeconds(T0 + 1100 * MS), "b's breaker lets a trial through at T0 + 2 s");
        assertEquals(b, backend.choose(T0 + 2000 * MS, List.of()), "b's trial");
        assertNull(backend.choose(T0 + 2000 * MS, List.of()), "one trial at a time");
    }

    @Test
    void aHalfOpenBreakerKeepsItsOneTrialForItsOwnReplica() {
        fail(a, T0, 3); // open until T0 + 2 s
        a.backoff.connectionFailed(T0 + 1500 * MS); // and backing off until T0 + 2.5 s
        assertEquals(Map.of(b, 1L, c, 1L), counts(choices(2, T0 + 2100 * MS, List.of())),
                "a is passed over without spending its trial");
        assertEquals(a, backend.choose(T0 + 2100 * MS, List.of(b, c)), "a's trial, as the last resort");
        assertNull(backend.choose(T0 + 2100 * MS, List.of(b, c)), "and only one");
    }

    private static Map<Replica, Long> counts(List<Replica> chosen) {
        return chosen.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private List<Replica> choices(int count, long now, List<Replica> tried) {
        List<Replica> chosen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            chosen.add(backend.choose(now, tried));
        }
        return chosen;
    }

    private static void fail(Replica replica, long at, int times) {
        for (int i = 0; i < times; i++) {
            replica.answered(at, 500, null);
        }
    }

    private static GatewayConfig.Backend config(int... ports) {
        List<ReplicaUrl> urls = new ArrayList<>();
        for (int port : ports) {
            urls.add(new ReplicaUrl("127.0.0.1", port));
        }
        return new GatewayConfig.Backend() {
            @Override
            public List<ReplicaUrl> url() {
                return urls;
            }

            @Override
            public Optional<String> service() {
                return Optional.empty();
            }

            @Override
            public Duration connectTimeout() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration responseTimeout() {
                return Duration.ofSeconds(10);
            }

            @Override
            public int breakerFailures() {
                return 3;
            }

            @Override
            public Duration breakerOpenFor() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Duration replicaBackoff() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration replicaBackoffMax() {
                return Duration.ofSeconds(8);
            }
        };
    }
}
