package io.crmsuite.platform.events;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * Runs a task on its own thread with a fixed pause between runs. The outbox relays use it instead of
 * {@code @Scheduled}: the Quarkus scheduler ticks once a second, too coarse to relay events within a fraction of one.
 */
public final class PollingLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PollingLoop.class);

    private final ScheduledExecutorService executor;

    private PollingLoop(String name, Duration pause, Runnable task) {
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
        FailureStreak failures = new FailureStreak(LOG, name);
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
                failures.succeeded();
            } catch (RuntimeException e) {
                failures.failed(e);
            }
        }, pause.toMillis(), pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static PollingLoop start(String name, Duration pause, Runnable task) {
        return new PollingLoop(name, pause, task);
    }

    /** Stops after the run in progress, if any (waits up to five seconds for it). */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
