package io.crmsuite.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The back-off with the time given: 1 s at first, doubled at each failure in a row, at most 8 s. */
class ReplicaBackoffTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long T0 = 1_000_000 * MS;

    private final ReplicaBackoff backoff = new ReplicaBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8));

    @Test
    void aFailedConnectionPassesTheReplicaOverForTheInitialTime() {
        assertFalse(backoff.skipped(T0), "a replica nothing happened to");
        backoff.connectionFailed(T0);
        assertTrue(backoff.skipped(T0 + 999 * MS));
        assertFalse(backoff.skipped(T0 + 1000 * MS), "then tried again with real traffic");
        assertEquals(T0 + 1000 * MS, backoff.skippedUntil());
    }

    @Test
    void theBackOffDoublesWhileTheReplicaKeepsFailingUpToTheMaximum() {
        long at = T0;
        for (long expectedMs : new long[] { 1000, 2000, 4000, 8000, 8000, 8000 }) {
            backoff.connectionFailed(at);
            assertEquals(at + expectedMs * MS, backoff.skippedUntil(), "after a failure at +" + (at - T0) / MS + " ms");
            at = backoff.skippedUntil(); // the retry with real traffic fails again
        }
    }

    @Test
    void anAnswerEndsTheBackOffAndStartsTheCountAgain() {
        backoff.connectionFailed(T0);
        backoff.connectionFailed(T0 + 1000 * MS);
        backoff.answered(); // an answer to a request sent before (or the trial after) the failures
        assertFalse(backoff.skipped(T0 + 1001 * MS));
        backoff.connectionFailed(T0 + 5000 * MS);
        assertEquals(T0 + 6000 * MS, backoff.skippedUntil(), "the initial time again, not the doubled one");
    }

    @Test
    void a503WithRetryAfterPassesTheReplicaOverForThatLongWithinTheBounds() {
        backoff.unavailable(T0, Duration.ofSeconds(5));
        assertTrue(backoff.skipped(T0 + 4999 * MS));
        assertFalse(backoff.skipped(T0 + 5000 * MS));
        backoff.unavailable(T0 + 5000 * MS, Duration.ofSeconds(120));
        assertEquals(T0 + 13_000 * MS, backoff.skippedUntil(), "at most the maximum");
        backoff.answered();
        backoff.unavailable(T0 + 20_000 * MS, Duration.ZERO);
        assertEquals(T0 + 21_000 * MS, backoff.skippedUntil(), "at least the initial time");
    }

    @Test
    void aShorterBackOffNeverCutsALongerOneShort() {
        backoff.unavailable(T0, Duration.ofSeconds(5));
        backoff.connectionFailed(T0 + 100 * MS);
        assertEquals(T0 + 5000 * MS, backoff.skippedUntil());
    }
}
