package io.crmsuite.webhook.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

import io.crmsuite.webhook.config.WebhookConfig;

/**
 * When a failed delivery is tried again: exponential backoff ({@code initial-delay} x {@code multiplier}^(n-1)
 * after the n-th failed attempt, at most {@code max-delay}) with jitter (+/- {@code jitter} of it, drawn at random,
 * so that deliveries failing together do not come back together), never sooner than the receiver's Retry-After,
 * for the retry window from the delivery's start. The last attempt falls at the end of the window; a failure then
 * gives up.
 */
public final class RetrySchedule {

    private final Duration initialDelay;
    private final double multiplier;
    private final Duration maxDelay;
    private final double jitter;
    private final Duration window;
    private final DoubleSupplier random;

    /** @param random a number in [0, 1) per call: the jitter's draw */
    public RetrySchedule(Duration initialDelay, double multiplier, Duration maxDelay, double jitter, Duration window,
            DoubleSupplier random) {
        if (multiplier < 1 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("crm.webhooks.retry: multiplier must be at least 1 and jitter within [0, 1)");
        }
        this.initialDelay = initialDelay;
        this.multiplier = multiplier;
        this.maxDelay = maxDelay;
        this.jitter = jitter;
        this.window = window;
        this.random = random;
    }

    public static RetrySchedule of(WebhookConfig.Retry config, DoubleSupplier random) {
        return new RetrySchedule(config.initialDelay(), config.multiplier(), config.maxDelay(), config.jitter(),
                config.window(), random);
    }

    /**
     * The time of the next attempt after the {@code attempts}-th failed at {@code now}, or empty when the window
     * that began at {@code windowStart} is over (give up).
     */
    public Optional<Instant> next(int attempts, Instant windowStart, Instant now, Duration retryAfter) {
        Instant end = windowStart.plus(window);
        if (!now.isBefore(end)) {
            return Optional.empty();
        }
        Duration delay = jittered(nominalDelay(attempts));
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter;
        }
        Instant next = now.plus(delay);
        return Optional.of(next.isAfter(end) ? end : next);
    }

    /** The pause after the {@code attempts}-th failure before jitter: initial x multiplier^(attempts-1), capped. */
    public Duration nominalDelay(int attempts) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempts - 1));
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis(Math.round(millis));
    }

    private Duration jittered(Duration nominal) {
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.round(nominal.toMillis() * factor));
    }

    public Duration window() {
        return window;
    }
}
