package io.crmsuite.complaint.sla;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import org.jboss.logging.Logger;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.ComplaintStore;
import io.crmsuite.platform.problem.ScheduledJob;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds complaints whose warning point, deadline or escalation step has come, records it and stores its event.
 * Runs every second in every replica; each record is a write conditional on the revision read, so when two
 * replicas (or an agent's action) race, exactly one write wins and the warning, breach or step is recorded once.
 */
@ApplicationScoped
public class SlaScanner {

    private static final Logger LOG = Logger.getLogger(SlaScanner.class);
    private static final int BATCH = 500;
    /** Under load a scan records something every second: the log sums it up once a minute instead. */
    private static final long SUMMARY_NANOS = 60_000_000_000L;

    private final Clock clock;
    private final ComplaintStore store;
    private final SlaRecorder recorder;
    private final SlaTimers timers;
    /** During a MongoDB outage the scan says so once, not with a stack trace every second. */
    private final ScheduledJob job = new ScheduledJob(SlaScanner.class, "the SLA scan");
    private final int[] sinceSummary = new int[3]; // warnings, breaches, escalation steps; the scans never overlap
    private long summaryStarted = System.nanoTime();

    SlaScanner(Clock clock, ComplaintStore store, SlaRecorder recorder, SlaTimers timers) {
        this.clock = clock;
        this.store = store;
        this.recorder = recorder;
        this.timers = timers;
    }

    /** What one scan did. */
    public record Result(int due, int warnings, int breaches, int escalations, int lostRaces) {
    }

    @Scheduled(every = "${crm.sla.scan-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        job.run(() -> {
            Result result = scan();
            sinceSummary[0] += result.warnings();
            sinceSummary[1] += result.breaches();
            sinceSummary[2] += result.escalations();
            long now = System.nanoTime();
            if (now - summaryStarted >= SUMMARY_NANOS) {
                if (sinceSummary[0] + sinceSummary[1] + sinceSummary[2] > 0) {
                    LOG.infof("SLA scans of the last minute: %d warnings, %d breaches, %d escalation steps recorded",
                            sinceSummary[0], sinceSummary[1], sinceSummary[2]);
                }
                Arrays.fill(sinceSummary, 0);
                summaryStarted = now;
            }
        });
    }

    public Result scan() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<String> dueIds = timers.takeDue(now, BATCH);
        int warnings = 0;
        int breaches = 0;
        int escalations = 0;
        int lost = 0;
        for (String id : dueIds) {
            Complaint c = Complaint.findById(id);
            if (c == null) {
                continue;
            }
            if (c.nextSlaCheckAt == null || c.nextSlaCheckAt.isAfter(now)) {
                timers.saved(c); // not due yet (a later bucket, or this one's later seconds): keep it waiting
                continue;
            }
            long read = c.revision;
            long version = c.version;
            SlaRecorder.Recorded recorded = recorder.catchUp(c, now);
            if (store.saveIfUnchanged(c, read, version)) {
                warnings += recorded.warning() ? 1 : 0;
                breaches += recorded.breach() ? 1 : 0;
                escalations += recorded.escalations().size();
            } else {
                lost++; // another replica or an agent changed it first; the next scan looks again
            }
        }
        return new Result(dueIds.size(), warnings, breaches, escalations, lost);
    }
}
