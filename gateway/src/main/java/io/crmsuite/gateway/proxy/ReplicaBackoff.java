package io.crmsuite.gateway.proxy;

import java.time.Duration;

/**
 * Passive health of one replica, learnt from real traffic only: a failed connection passes the replica over for
 * {@code initial}, doubled at each further failure in a row up to {@code max}; a 503 with Retry-After (the service
 * says its store is unreachable) passes it over for that long, up to {@code max}. Any other answer ends it. Passed
 * over means another replica is asked first; when every replica is passed over, the one free soonest is still
 * tried ({@link Backend#choose}), so a back-off never turns into an error by itself.
 */
final class ReplicaBackoff {

    private final long initialNanos;
    private final long maxNanos;
    /** Read on every request without the lock; written under it. */
    private volatile long skippedUntil;
    /** Set by every failure, cleared by an answer only, so that it stays set after the back-off ran out. */
    private volatile boolean backingOff;
    private int failuresInARow;

    ReplicaBackoff(Duration initial, Duration max) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = Math.max(initialNanos, max.toNanos());
    }

    boolean skipped(long now) {
        return backingOff && now - skippedUntil < 0;
    }

    /** A failure was the last thing seen: passed over now, or until an answer says the replica serves again. */
    boolean active() {
        return backingOff;
    }

    /** When the current back-off ends (comparable with {@link System#nanoTime()} only). */
    long skippedUntil() {
        return skippedUntil;
    }

    synchronized void connectionFailed(long now) {
        failuresInARow++;
        long delay = initialNanos;
        for (int i = 1; i < failuresInARow && delay < maxNanos; i++) {
            delay *= 2;
        }
        extendTo(now + Math.min(delay, maxNanos), now);
    }

    /** The replica answered 503 with Retry-After: it says how long it cannot serve. */
    synchronized void unavailable(long now, Duration retryAfter) {
        extendTo(now + Math.min(Math.max(retryAfter.toNanos(), initialNanos), maxNanos), now);
    }

    /** The replica answered: whatever it answered, its connections work again. */
    void answered() {
        if (backingOff) { // checked first: every answer passes here, few need the lock
            synchronized (this) {
                failuresInARow = 0;
                backingOff = false;
            }
        }
    }

    /** Never shortens a back-off already running (two failures racing each other keep the longer). */
    private void extendTo(long until, long now) {
        if (!skipped(now) || until - skippedUntil > 0) {
            skippedUntil = until;
        }
        backingOff = true;
    }
}
