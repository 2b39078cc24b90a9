package io.crmsuite.platform.events;

import java.time.Duration;

import org.jboss.logging.Logger;

/**
 * Logs a failure that repeats (a relay pass every 0.2 s while Kafka or the database is down) once when it starts
 * and once when it ends, with how long it lasted; the attempts in between log at DEBUG only.
 */
public final class FailureStreak {

    private final Logger log;
    private final String what;
    private long sinceNanos;
    private boolean failing;

    public FailureStreak(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    public synchronized void failed(Throwable cause) {
        String reason = cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage();
        if (!failing) {
            failing = true;
            sinceNanos = System.nanoTime();
            log.warnf("%s failed (%s); it is tried again quietly until it works", what, reason);
        } else {
            log.debugf("%s failed again (%s)", what, reason);
        }
    }

    public synchronized void succeeded() {
        if (failing) {
            failing = false;
            log.infof("%s works again after %d s", what, Duration.ofNanos(System.nanoTime() - sinceNanos).toSeconds());
        }
    }
}
