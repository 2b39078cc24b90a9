package io.crmsuite.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.crmsuite.gateway.auth.Client;
import io.crmsuite.gateway.config.GatewayConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;

/**
 * A token bucket per client: {@code rate} tokens a second up to {@code burst}. Each client has its own bucket, so
 * one flooding client runs out of tokens without slowing anyone else. A bucket that has filled up again is
 * forgotten (a new one starts full, so nothing changes for its client): the map holds the clients of the last
 * minutes, not every client ever seen (token subjects are unbounded).
 */
@Singleton
public class RateLimiter {

    /** The outcome for one request: allowed or not, what is left, and when the next token comes. */
    public record Decision(boolean allowed, int limit, int remaining, double windowSeconds, double retryAfterSeconds) {
    }

    private final GatewayConfig config;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(GatewayConfig config) {
        this.config = config;
    }

    public Decision take(Client client) {
        Bucket bucket = buckets.computeIfAbsent(client.name(), n -> {
            GatewayConfig.Limit limit = limitOf(client); // looked up once per client, not per request
            return new Bucket(limit.rate(), limit.burst());
        });
        return bucket.take(System.nanoTime());
    }

    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetFullBuckets() {
        forgetFullBuckets(System.nanoTime());
    }

    /**
     * A request racing with the removal of its (full) bucket may take its token from the bucket removed: at most one
     * request per such race goes uncounted, from a client that had its whole burst left.
     */
    void forgetFullBuckets(long now) {
        buckets.keySet().forEach(name -> buckets.computeIfPresent(name, (n, bucket) -> bucket.fullAt(now) ? null : bucket));
    }

    int size() {
        return buckets.size();
    }

    private GatewayConfig.Limit limitOf(Client client) {
        GatewayConfig.Limit own = config.rateLimits().clients().get(client.name());
        if (own != null) {
            return own;
        }
        return client.roles().stream().map(r -> config.rateLimits().roles().get(r)).filter(java.util.Objects::nonNull)
                .max(java.util.Comparator.comparingDouble(GatewayConfig.Limit::rate))
                .orElse(config.rateLimits().defaults());
    }

    static final class Bucket {
        private final double rate;
        private final int burst;
        private double tokens;
        private long last;

        Bucket(double rate, int burst) {
            this.rate = rate;
            this.burst = burst;
            this.tokens = burst;
            this.last = System.nanoTime();
        }

        synchronized boolean fullAt(long now) {
            return tokens + (now - last) / 1e9 * rate >= burst;
        }

        synchronized Decision take(long now) {
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
            last = now;
            double window = burst / rate;
            if (tokens >= 1) {
                tokens -= 1;
                return new Decision(true, burst, (int) tokens, window, 0);
            }
            return new Decision(false, burst, 0, window, (1 - tokens) / rate);
        }
    }
}
