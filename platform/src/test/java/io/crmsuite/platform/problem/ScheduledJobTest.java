package io.crmsuite.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ScheduledJobTest {

    @Test
    void aStoreOutageIsSwallowedUntilTheStoreIsBackAndAnyOtherFailureIsThrown() {
        ScheduledJob job = new ScheduledJob(ScheduledJobTest.class, "test job");
        AtomicInteger ran = new AtomicInteger();
        Runnable outage = () -> {
            ran.incrementAndGet();
            throw new IllegalStateException("wrapped", new ConnectException("refused"));
        };
        job.run(outage);
        job.run(outage);
        assertTrue(job.paused());
        job.run(ran::incrementAndGet);
        assertFalse(job.paused(), "a run that works ends the pause");
        assertEquals(3, ran.get());
        assertThrows(IllegalArgumentException.class, () -> job.run(() -> {
            throw new IllegalArgumentException("a bug, not an outage");
        }));
        assertFalse(job.paused());
    }
}
