package io.crmsuite.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.crmsuite.gateway.auth.Client;
import io.crmsuite.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A token bucket per client: {@code rate} tokens a second up to {@code burst}. Each client has its own bucket, so
 * one flooding client runs out of tokens without slowing anyone else.
 */
@ApplicationScoped
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
