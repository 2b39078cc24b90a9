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

    @Test
    void aBucketThatFilledUpAgainIsForgottenSoTheMapHoldsOnlyRecentClients() {
        RateLimiter limiter = new RateLimiter(config(1, 2)); // 1 token a second, burst 2
        long t0 = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            limiter.take(new io.crmsuite.gateway.auth.Client("jwt:user-" + i, java.util.Set.of("bi"), "jwt"));
        }
        limiter.take(new io.crmsuite.gateway.auth.Client("busy", java.util.Set.of("bi"), "apikey"));
        limiter.take(new io.crmsuite.gateway.auth.Client("busy", java.util.Set.of("bi"), "apikey"));
        assertEquals(1001, limiter.size());
        long later = t0 + TimeUnit.MILLISECONDS.toNanos(1900); // each user took 1 of 2 tokens: full again after 1 s
        limiter.forgetFullBuckets(later);
        assertEquals(1, limiter.size(), "only busy, which took both its tokens and has under 2 back, is kept");
        limiter.forgetFullBuckets(t0 + TimeUnit.SECONDS.toNanos(10));
        assertEquals(0, limiter.size());
    }

    /** Settings with only the defaults: every client gets {@code rate} and {@code burst}. */
    private static io.crmsuite.gateway.config.GatewayConfig config(double rate, int burst) {
        io.crmsuite.gateway.config.GatewayConfig.Limit limit = proxy(io.crmsuite.gateway.config.GatewayConfig.Limit.class,
                java.util.Map.of("rate", rate, "burst", burst));
        io.crmsuite.gateway.config.GatewayConfig.RateLimits limits = proxy(
                io.crmsuite.gateway.config.GatewayConfig.RateLimits.class,
                java.util.Map.of("defaults", limit, "clients", java.util.Map.of(), "roles", java.util.Map.of()));
        return proxy(io.crmsuite.gateway.config.GatewayConfig.class, java.util.Map.of("rateLimits", limits));
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, java.util.Map<String, Object> answers) {
        return (T) java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
                (self, method, args) -> {
                    if (!answers.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return answers.get(method.getName());
                });
    }
}
