package io.crmsuite.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The token bucket with the time given: no sleeping, nothing depends on how fast the machine is. */
class RateLimiterTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void aBurstIsAllowedThenRefusedUntilTheNextTokenComes() {
        RateLimiter.Bucket bucket = new RateLimiter.Bucket(1, 3); // 1 token a second, burst 3
        long t0 = System.nanoTime(); // not before the bucket was made: it starts full
        for (int remaining = 2; remaining >= 0; remaining--) {
            RateLimiter.Decision allowed = bucket.take(t0);
            assertTrue(allowed.allowed());
            assertEquals(remaining, allowed.remaining());
            assertEquals(3, allowed.limit());
            assertEquals(3.0, allowed.windowSeconds(), 1e-9);
        }
        RateLimiter.Decision refused = bucket.take(t0);
        assertFalse(refused.allowed());
        assertEquals(0, refused.remaining());
        assertEquals(1.0, refused.retryAfterSeconds(), 1e-9);

        RateLimiter.Decision halfWay = bucket.take(t0 + 500 * MS);
        assertFalse(halfWay.allowed(), "half a token is not a token");
        assertEquals(0.5, halfWay.retryAfterSeconds(), 1e-9);

        assertTrue(bucket.take(t0 + 1000 * MS).allowed(), "one second later the next token has come");
        assertFalse(bucket.take(t0 + 1000 * MS).allowed(), "and only one");
    }

    @Test
    void anIdleClientGetsItsBurstBackButNoMore() {
        RateLimiter.Bucket bucket = new RateLimiter.Bucket(2, 4);
        long t0 = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            assertTrue(bucket.take(t0).allowed());
        }
        long anHourLater = t0 + TimeUnit.HOURS.toNanos(1);
        for (int remaining = 3; remaining >= 0; remaining--) {
            assertEquals(remaining, bucket.take(anHourLater).remaining());
        }
        assertFalse(bucket.take(anHourLater).allowed(), "the burst, not an hour's worth of tokens");
        assertEquals(0.5, bucket.take(anHourLater).retryAfterSeconds(), 1e-9); // 2 tokens a second
    }
}
