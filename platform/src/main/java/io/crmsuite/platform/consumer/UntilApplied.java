package io.crmsuite.platform.consumer;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies an event, trying again for as long as it takes: a store outage of any length holds the consumer (and its
 * partition, whose offset is not committed past the event) instead of failing the channel or parking the event on
 * a dead-letter topic. Exponential backoff from 100 ms to 5 s with jitter, so a recovered store is used within
 * seconds and a dead one is not hammered. An {@link InvalidEventException} is not retried: it is the event's fault.
 */
@ApplicationScoped
public class UntilApplied {

    private final ConsumerHealth health;
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();

    UntilApplied(ConsumerHealth health) {
        this.health = health;
    }

    /** Runs {@code work} until it returns, on behalf of {@code consumer} (named in logs and readiness). */
    public <T> T run(String consumer, Class<T> result, Callable<T> work) {
        try {
            T value = guardOf(consumer).call(work, result);
            health.applied(consumer);
            return value;
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(consumer + " was interrupted while waiting for its store", e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #run} for work without a result. */
    public void run(String consumer, Runnable work) {
        run(consumer, Boolean.class, () -> {
            work.run();
            return Boolean.TRUE;
        });
    }

    private Guard guardOf(String consumer) {
        return guards.computeIfAbsent(consumer, name -> Guard.create()
                .withRetry()
                .maxRetries(-1)
                .maxDuration(0, ChronoUnit.MILLIS) // no limit: an outage lasts as long as it lasts
                .delay(100, ChronoUnit.MILLIS)
                .jitter(50, ChronoUnit.MILLIS)
                .abortOn(InvalidEventException.class)
                .beforeRetry(cause -> health.waiting(name, cause))
                .withExponentialBackoff().factor(2).maxDelay(5, ChronoUnit.SECONDS).done()
                .done()
                .build());
    }
}
