package io.crmsuite.infra.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock shifted by whatever a test adds: rules measured in hours and days (24-hour deadline, churn
 * after a year) are tested by moving time, not by sleeping.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Hook> hook = new AtomicReference<>();

    /** Something to run once, inside the next read of the clock by one thread. */
    private record Hook(Thread thread, Runnable action) {
    }

    /**
     * Runs {@code action} once, the next time {@code thread} reads the clock: a test uses it to make something
     * happen at an exact point of a service call (after it read its data, before it writes), to prove a race is
     * handled instead of hoping the scheduler produces it.
     */
    public void beforeNextReadOn(Thread thread, Runnable action) {
        hook.set(new Hook(thread, action));
    }

    public void advance(Duration duration) {
        offset.updateAndGet(o -> o.plus(duration));
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        Hook pending = hook.get();
        if (pending != null && pending.thread() == Thread.currentThread() && hook.compareAndSet(pending, null)) {
            pending.action().run();
        }
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
