package io.crmsuite.complaint.sla;

import java.time.Duration;
import java.time.Instant;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.Enums.ClockStatus;

/**
 * The arithmetic of one resolution cycle: due date, warning point, pauses and status. Pure functions over the
 * stored clock, so they are tested with plain instants.
 */
public final class SlaClock {

    private SlaClock() {
    }

    public static Complaint.Clock start(int cycle, SlaPolicies.Chosen policy, Instant startAt, double warningRatio) {
        Complaint.Clock c = new Complaint.Clock();
        c.cycle = cycle;
        c.policy = policy.name();
        c.policyVersion = policy.version();
        c.targetSeconds = policy.target().toSeconds();
        c.calendar = policy.calendarName();
        c.startedAt = startAt;
        c.pausedSeconds = 0;
        schedule(c, policy.time(), warningRatio);
        c.status = ClockStatus.ON_TRACK;
        return c;
    }

    /** Counted time so far, without time on hold. */
    public static Duration elapsed(Complaint.Clock c, WorkingTime time, Instant now) {
        Instant end = c.stoppedAt != null ? c.stoppedAt : now;
        Duration counted = time.between(c.startedAt, end).minusSeconds(c.pausedSeconds);
        if (c.pausedSince != null && c.stoppedAt == null) {
            counted = counted.minus(time.between(c.pausedSince, end));
        }
        return counted.isNegative() ? Duration.ZERO : counted;
    }

    /** Time on hold so far, including a hold that is still running. */
    public static Duration paused(Complaint.Clock c, WorkingTime time, Instant now) {
        Duration paused = Duration.ofSeconds(c.pausedSeconds);
        if (c.pausedSince != null && c.stoppedAt == null) {
            paused = paused.plus(time.between(c.pausedSince, now));
        }
        return paused;
    }

    public static Duration remaining(Complaint.Clock c, WorkingTime time, Instant now) {
        return Duration.ofSeconds(c.targetSeconds).minus(elapsed(c, time, now));
    }

    /** The status at {@code now}; a stopped clock keeps its MET or MISSED. */
    public static ClockStatus status(Complaint.Clock c, WorkingTime time, Instant now, double warningRatio) {
        if (c.stoppedAt != null) {
            return c.status;
        }
        long elapsedMillis = elapsed(c, time, now).toMillis();
        long targetMillis = c.targetSeconds * 1000;
        if (elapsedMillis >= targetMillis) {
            return ClockStatus.BREACHED;
        }
        if (elapsedMillis >= (long) (targetMillis * warningRatio)) {
            return ClockStatus.AT_RISK;
        }
        return ClockStatus.ON_TRACK;
    }

    public static void pause(Complaint.Clock c, Instant now) {
        if (c.pausedSince == null) {
            c.pausedSince = now;
        }
    }

    /** Ends a hold: its counted time is added to the pauses and the deadline moves by as much. */
    public static void resume(Complaint.Clock c, WorkingTime time, Instant now, double warningRatio) {
        if (c.pausedSince == null) {
            return;
        }
        c.pausedSeconds += time.between(c.pausedSince, now).toSeconds();
        c.pausedSince = null;
        schedule(c, time, warningRatio);
    }

    /** Stops the clock at resolution: MET when the counted time stayed within the target. */
    public static Duration stop(Complaint.Clock c, WorkingTime time, Instant now, double warningRatio) {
        resume(c, time, now, warningRatio);
        Duration elapsed = elapsed(c, time, now);
        c.stoppedAt = now;
        c.status = elapsed.toSeconds() <= c.targetSeconds ? ClockStatus.MET : ClockStatus.MISSED;
        return elapsed;
    }

    /** When the scanner must look next: the warning, then the deadline; never while on hold or stopped. */
    public static Instant nextCheck(Complaint.Clock c) {
        if (c.stoppedAt != null || c.pausedSince != null) {
            return null;
        }
        if (c.warnedAt == null) {
            return c.warnAt;
        }
        return c.breachedAt == null ? c.dueAt : null;
    }

    private static void schedule(Complaint.Clock c, WorkingTime time, double warningRatio) {
        Duration target = Duration.ofSeconds(c.targetSeconds);
        Duration paused = Duration.ofSeconds(c.pausedSeconds);
        c.dueAt = time.plus(c.startedAt, target.plus(paused));
        c.warnAt = time.plus(c.startedAt, Duration.ofMillis((long) (target.toMillis() * warningRatio)).plus(paused));
    }
}
