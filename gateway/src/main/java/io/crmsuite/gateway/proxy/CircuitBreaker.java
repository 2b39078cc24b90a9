package io.crmsuite.gateway.proxy;

import java.time.Duration;

/**
 * Per replica: after {@code threshold} consecutive failures the breaker opens and the replica is passed over for
 * {@code openFor} (the route fails fast with 503 when every replica's breaker is open); then one trial request
 * goes through: success closes it, failure opens it again.
 */
final class CircuitBreaker {

    enum State {
        CLOSED, OPEN, HALF_OPEN
    }

    private final int threshold;
    private final long openForNanos;
    private State state = State.CLOSED;
    private int failures;
    private long openedAt;
    private boolean trialInFlight;

    CircuitBreaker(int threshold, Duration openFor) {
        this.threshold = threshold;
        this.openForNanos = openFor.toNanos();
    }

    synchronized boolean allowRequest(long now) {
        if (state == State.OPEN && now - openedAt >= openForNanos) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        if (state == State.HALF_OPEN) {
            if (trialInFlight) {
                return false;
            }
            trialInFlight = true;
            return true;
        }
        return state == State.CLOSED;
    }

    synchronized void success() {
        state = State.CLOSED;
        failures = 0;
        trialInFlight = false;
    }

    synchronized void failure(long now) {
        failures++;
        if (state == State.HALF_OPEN || failures >= threshold) {
            state = State.OPEN;
            openedAt = now;
            trialInFlight = false;
        }
    }

    synchronized State state() {
        return state;
    }

    /** Seconds until an open breaker lets a trial through. */
    synchronized long retryAfterSeconds(long now) {
        return Math.max(1, (openForNanos - (now - openedAt) + 999_999_999L) / 1_000_000_000L);
    }
}
