package io.crmsuite.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The breaker with the time given: 3 consecutive failures open it for 2 s. */
class CircuitBreakerTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long T0 = 1_000_000 * MS;

    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(2));

    @Test
    void opensAfterThreeConsecutiveFailuresOnly() {
        breaker.failure(T0);
        breaker.failure(T0);
        breaker.success();
        breaker.failure(T0);
        breaker.failure(T0);
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state(), "a success in between starts the count again");
        assertTrue(breaker.allowRequest(T0));
        breaker.failure(T0);
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.allowRequest(T0 + 1999 * MS));
        assertEquals(2, breaker.retryAfterSeconds(T0));
        assertEquals(1, breaker.retryAfterSeconds(T0 + 1500 * MS));
    }

    @Test
    void letsOneTrialThroughAfterTheOpenTimeAndClosesWhenItSucceeds() {
        open(T0);
        assertTrue(breaker.allowRequest(T0 + 2000 * MS), "the trial");
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        assertFalse(breaker.allowRequest(T0 + 2000 * MS), "one trial at a time");
        breaker.success();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.allowRequest(T0 + 2001 * MS));
        assertTrue(breaker.allowRequest(T0 + 2001 * MS));
    }

    @Test
    void aFailedTrialOpensItAgainForTheWholeTime() {
        open(T0);
        assertTrue(breaker.allowRequest(T0 + 2000 * MS));
        breaker.failure(T0 + 2100 * MS); // one failure is enough in HALF_OPEN
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.allowRequest(T0 + 4099 * MS));
        assertTrue(breaker.allowRequest(T0 + 4100 * MS));
    }

    private void open(long at) {
        for (int i = 0; i < 3; i++) {
            breaker.failure(at);
        }
    }
}
