package io.crmsuite.platform.problem;

import org.jboss.logging.Logger;

/**
 * A scheduled job that meets its store out of reach says so once, and once more when it works again, instead of
 * the scheduler's stack trace at every tick for as long as the outage lasts (every second for the SLA scan). The
 * job itself needs nothing else: its next tick is its retry. Any other failure is thrown as before.
 */
public final class ScheduledJob {

    private final Logger log;
    private final String name;
    private volatile boolean paused;

    public ScheduledJob(Class<?> owner, String name) {
        this.log = Logger.getLogger(owner);
        this.name = name;
    }

    public void run(Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            if (!StoreUnavailable.is(e)) {
                throw e;
            }
            if (!paused) {
                paused = true;
                log.warnf("%s paused: its store is out of reach (%s); it runs again at each tick until the store is back",
                        name, e.getClass().getSimpleName());
            }
            return;
        }
        if (paused) {
            paused = false;
            log.infof("%s runs again: its store is back", name);
        }
    }

    /** Whether the last run met its store out of reach. */
    public boolean paused() {
        return paused;
    }
}
