package io.crmsuite.webhook.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Exponential backoff with jitter over the retry window, with the time given (no clock, no sleeping). */
class RetryScheduleTest {

    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration WINDOW = Duration.ofHours(24);

    private static RetrySchedule schedule(double draw) {
        return new RetrySchedule(Duration.ofSeconds(5), 2, Duration.ofHours(1), 0.2, WINDOW, () -> draw);
    }

    @Test
    void thePauseDoublesFromTheInitialDelayUpToTheLongest() {
        RetrySchedule schedule = schedule(0.5);
        assertEquals(Duration.ofSeconds(5), schedule.nominalDelay(1));
        assertEquals(Duration.ofSeconds(10), schedule.nominalDelay(2));
        assertEquals(Duration.ofSeconds(20), schedule.nominalDelay(3));
        assertEquals(Duration.ofSeconds(5 * 512), schedule.nominalDelay(10)); // 2560 s
        assertEquals(Duration.ofHours(1), schedule.nominalDelay(11)); // 5120 s, capped at 3600 s
        assertEquals(Duration.ofHours(1), schedule.nominalDelay(60));
    }

    @Test
    void jitterKeepsEachPauseWithinTwentyPercentOfItsNominalValue() {
        Instant failedAt = START.plusSeconds(60);
        // nominal 10 s after the second failure; a draw of 0 is the shortest pause (8 s), 0.5 the nominal one,
        // 0.99 gives 10 s x (1 + 0.2 x 0.98) = 11.96 s
        assertEquals(Optional.of(failedAt.plusSeconds(8)), schedule(0.0).next(2, START, failedAt, null));
        assertEquals(Optional.of(failedAt.plusSeconds(10)), schedule(0.5).next(2, START, failedAt, null));
        assertEquals(Optional.of(failedAt.plusMillis(11_960)), schedule(0.99).next(2, START, failedAt, null));

        Random random = new Random(7);
        RetrySchedule drawn = new RetrySchedule(Duration.ofSeconds(5), 2, Duration.ofHours(1), 0.2, WINDOW,
                random::nextDouble);
        Set<Instant> seen = new HashSet<>();
        for (int attempts = 1; attempts <= 12; attempts++) {
            for (int i = 0; i < 200; i++) {
                Instant next = drawn.next(attempts, START, failedAt, null).orElseThrow();
                long nominal = drawn.nominalDelay(attempts).toMillis();
                long pause = Duration.between(failedAt, next).toMillis();
                assertTrue(pause >= Math.round(nominal * 0.8) && pause <= Math.round(nominal * 1.2),
                        "attempt " + attempts + ": " + pause + " ms for a nominal " + nominal + " ms");
                seen.add(next);
            }
        }
        assertTrue(seen.size() > 1000, "the draws spread the retries: " + seen.size() + " distinct times of 2400");
    }

    @Test
    void aRetryAfterLongerThanThePauseIsHonoured() {
        Instant failedAt = START.plusSeconds(60);
        assertEquals(Optional.of(failedAt.plusSeconds(120)),
                schedule(0.5).next(1, START, failedAt, Duration.ofSeconds(120)));
        assertEquals(Optional.of(failedAt.plusSeconds(5)), schedule(0.5).next(1, START, failedAt, Duration.ofSeconds(1)));
    }

    @Test
    void theLastAttemptFallsAtTheEndOfTheWindowAndAFailureThenGivesUp() {
        Instant end = START.plus(WINDOW);
        Instant nearTheEnd = end.minusSeconds(600); // the next pause would be an hour
        assertEquals(Optional.of(end), schedule(0.5).next(20, START, nearTheEnd, null));
        assertEquals(Optional.empty(), schedule(0.5).next(21, START, end, null));
        assertEquals(Optional.empty(), schedule(0.5).next(21, START, end.plusSeconds(3600 * 48), null));
        assertFalse(schedule(0.5).next(1, START, end.minusMillis(1), null).isEmpty());
    }

    @Test
    void theRetriesOfADeadReceiverSpanTheWholeWindowInAboutThirtyAttempts() {
        RetrySchedule schedule = schedule(0.5);
        Instant now = START;
        int attempts = 1;
        Optional<Instant> next;
        while ((next = schedule.next(attempts, START, now, null)).isPresent()) {
            now = next.get();
            attempts++;
        }
        assertEquals(START.plus(WINDOW), now, "the last attempt is at the end of the window");
        // 5 s doubling to an hour takes 11 attempts and about 2.8 h; the remaining ~21.2 h at an hour each
        assertEquals(11 + 22 + 1, attempts);
    }
}
