package io.crmsuite.platform.consumer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether the event consumers apply events: one of them may wait for its store (an outage, a failover) and keeps
 * its partition where it is. Says what an operator needs once: when the wait starts, and when it ends.
 */
@ApplicationScoped
public class ConsumerHealth {

    private static final Logger LOG = Logger.getLogger(ConsumerHealth.class);

    /** Since when a consumer waits, and the last reason it was given. */
    private record Waiting(Instant since, String reason) {
    }

    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final Clock clock;

    ConsumerHealth(Clock clock) {
        this.clock = clock;
    }

    /** {@code consumer} could not apply an event and will try again; the first call of a wait logs it. */
    public void waiting(String consumer, Throwable cause) {
        String reason = describe(cause);
        Waiting before = waiting.put(consumer, new Waiting(waiting.containsKey(consumer)
                ? waiting.get(consumer).since() : clock.instant(), reason));
        if (before == null) {
            LOG.warnf("%s cannot apply events (%s); retrying with backoff, its partitions wait and readiness is DOWN "
                    + "until it succeeds", consumer, reason);
        }
    }

    /** {@code consumer} applied an event; ends a wait, if there was one. */
    public void applied(String consumer) {
        if (waiting.isEmpty()) {
            return;
        }
        Waiting ended = waiting.remove(consumer);
        if (ended != null) {
            LOG.infof("%s applies events again after waiting %d s", consumer,
                    Duration.between(ended.since(), clock.instant()).toSeconds());
        }
    }

    public boolean isWaiting(String consumer) {
        return waiting.containsKey(consumer);
    }

    /** The readiness of all consumers: DOWN with each waiting consumer, since when and why. */
    HealthCheckResponse response() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event-consumers").status(waiting.isEmpty());
        waiting.forEach((consumer, w) -> response.withData(consumer, "waiting since " + w.since() + ": " + w.reason()));
        return response.build();
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        if (message != null && message.length() > 300) {
            message = message.substring(0, 300) + "...";
        }
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
