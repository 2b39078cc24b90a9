package io.crmsuite.complaint.sla;

import java.time.Duration;
import java.time.Instant;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.Enums.ClockStatus;
import io.crmsuite.complaint.config.SlaConfig.Trigger;

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

    /**
     * The status at {@code now}; a stopped clock keeps its MET or MISSED. A breach recorded at the deadline counts
     * from that instant: the data of the breach event (and of a step escalating it at once) says BREACHED, where
     * "exceeded" alone would still say AT_RISK at the deadline itself.
     */
    public static ClockStatus status(Complaint.Clock c, WorkingTime time, Instant now, double warningRatio) {
        if (c.stoppedAt != null) {
            return c.status;
        }
        if (isOverdue(c, time, now) || (c.breachedAt != null && !now.isBefore(c.breachedAt))) {
            return ClockStatus.BREACHED;
        }
        if (isAtRisk(c, time, now, warningRatio)) {
            return ClockStatus.AT_RISK;
        }
        return ClockStatus.ON_TRACK;
    }

    /**
     * The one rule of the 24-hour clock: a complaint is breached once its counted time exceeds the target (to the
     * millisecond); resolved within it, it is MET. So no complaint is both MET and breached.
     */
    public static boolean isOverdue(Complaint.Clock c, WorkingTime time, Instant now) {
        return elapsed(c, time, now).toMillis() > c.targetSeconds * 1000;
    }

    /** At risk once the counted time reaches the warning share of the target. */
    public static boolean isAtRisk(Complaint.Clock c, WorkingTime time, Instant now, double warningRatio) {
        return elapsed(c, time, now).toMillis() >= warningMillis(c, warningRatio);
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
        c.holds.add(new Complaint.Hold(c.pausedSince, now));
        c.pausedSince = null;
        schedule(c, time, warningRatio);
    }

    /**
     * The deadline as it would be if the clock ran again at {@code now}: {@code dueAt} while it runs, moved by the
     * hold so far while it is on hold. Two clocks of one cycle are compared by it.
     */
    public static Instant deadlineIfResumed(Complaint.Clock c, WorkingTime time, Instant now) {
        Duration paused = Duration.ofSeconds(c.pausedSeconds);
        if (c.pausedSince != null && c.stoppedAt == null) {
            paused = paused.plus(time.between(c.pausedSince, now));
        }
        return time.plus(c.startedAt, Duration.ofSeconds(c.targetSeconds).plus(paused));
    }

    /**
     * The same cycle under another policy: the same start and the same holds, counted in the new policy's time,
     * so the time already elapsed is what it was (in that time: a business calendar does not count the night) and
     * only the target and what follows from it (deadline, warning point) change. A warning or breach already
     * recorded stays recorded: each happens once per cycle.
     */
    public static Complaint.Clock rebase(Complaint.Clock c, WorkingTime oldTime, SlaPolicies.Chosen policy,
            double warningRatio) {
        Complaint.Clock n = new Complaint.Clock();
        n.cycle = c.cycle;
        n.policy = policy.name();
        n.policyVersion = policy.version();
        n.targetSeconds = policy.target().toSeconds();
        n.calendar = policy.calendarName();
        n.startedAt = c.startedAt;
        n.holds = new java.util.ArrayList<>(c.holds);
        n.pausedSeconds = pausedSecondsIn(c, oldTime, policy.time());
        n.pausedSince = c.pausedSince;
        n.warnedAt = c.warnedAt;
        n.breachedAt = c.breachedAt;
        n.escalations = new java.util.ArrayList<>(c.escalations);
        n.stoppedAt = c.stoppedAt;
        n.status = c.status;
        schedule(n, policy.time(), warningRatio);
        return n;
    }

    /**
     * The ended holds counted in {@code newTime}, each as {@link #resume} counted it. A clock whose recorded holds
     * do not add up to its pauses (stored before holds were kept) keeps its pauses as they are.
     */
    private static long pausedSecondsIn(Complaint.Clock c, WorkingTime oldTime, WorkingTime newTime) {
        long recorded = 0;
        long converted = 0;
        for (Complaint.Hold h : c.holds) {
            recorded += oldTime.between(h.from, h.to).toSeconds();
            converted += newTime.between(h.from, h.to).toSeconds();
        }
        return recorded == c.pausedSeconds ? converted : c.pausedSeconds;
    }

    /** Stops the clock at resolution: MET when the counted time stayed within the target, else MISSED. */
    public static Duration stop(Complaint.Clock c, WorkingTime time, Instant now, double warningRatio) {
        resume(c, time, now, warningRatio);
        Duration elapsed = elapsed(c, time, now);
        c.status = isOverdue(c, time, now) ? ClockStatus.MISSED : ClockStatus.MET;
        c.stoppedAt = now;
        return elapsed;
    }

    /**
     * When the scanner must look next: the warning point, then the first instant the target is exceeded (a
     * millisecond after the deadline in counted time, so after a calendar's closing hours); never while on hold
     * or stopped.
     */
    public static Instant nextCheck(Complaint.Clock c, WorkingTime time) {
        if (c.stoppedAt != null || c.pausedSince != null) {
            return null;
        }
        if (c.warnedAt == null) {
            return c.warnAt;
        }
        if (c.breachedAt != null) {
            return null;
        }
        return time.plus(c.startedAt, Duration.ofSeconds(c.targetSeconds + c.pausedSeconds).plusMillis(1));
    }

    /**
     * Whether an escalation step counting {@code after} from {@code on} is due at {@code now}: {@code after} of
     * counted time past the warning point (reached, as the warning) or past the target (exceeded to the millisecond,
     * as the breach). Holds are not counted, so they move a step as they move the deadline.
     */
    public static boolean isEscalationDue(Complaint.Clock c, WorkingTime time, Instant now, double warningRatio,
            Trigger on, Duration after) {
        long elapsed = elapsed(c, time, now).toMillis();
        long threshold = escalationThreshold(c, warningRatio, on, after).toMillis();
        return on == Trigger.AT_RISK ? elapsed >= threshold : elapsed > threshold;
    }

    /**
     * The moment of an escalation step: when the counted time reached its threshold ({@code after} a breach counted
     * from the deadline itself, as the breach is recorded at the deadline). Exact once the step is due: every hold
     * that ended before it is in {@code pausedSeconds}, and nothing is due while on hold.
     */
    public static Instant escalationAt(Complaint.Clock c, WorkingTime time, double warningRatio, Trigger on,
            Duration after) {
        return time.plus(c.startedAt,
                escalationThreshold(c, warningRatio, on, after).plus(Duration.ofSeconds(c.pausedSeconds)));
    }

    /**
     * When the scanner must look for an escalation step: its moment, or the first instant past it for a step
     * counting from the breach (as {@link #nextCheck} does for the breach); null while on hold or stopped.
     */
    public static Instant escalationCheck(Complaint.Clock c, WorkingTime time, double warningRatio, Trigger on,
            Duration after) {
        if (c.stoppedAt != null || c.pausedSince != null) {
            return null;
        }
        Duration counted = escalationThreshold(c, warningRatio, on, after).plus(Duration.ofSeconds(c.pausedSeconds));
        return time.plus(c.startedAt, on == Trigger.AT_RISK ? counted : counted.plusMillis(1));
    }

    private static Duration escalationThreshold(Complaint.Clock c, double warningRatio, Trigger on, Duration after) {
        Duration from = on == Trigger.AT_RISK ? Duration.ofMillis(warningMillis(c, warningRatio))
                : Duration.ofSeconds(c.targetSeconds);
        return from.plus(after);
    }

    private static void schedule(Complaint.Clock c, WorkingTime time, double warningRatio) {
        Duration target = Duration.ofSeconds(c.targetSeconds);
        Duration paused = Duration.ofSeconds(c.pausedSeconds);
        c.dueAt = time.plus(c.startedAt, target.plus(paused));
        c.warnAt = time.plus(c.startedAt, Duration.ofMillis(warningMillis(c, warningRatio)).plus(paused));
    }

    private static long warningMillis(Complaint.Clock c, double warningRatio) {
        return (long) (c.targetSeconds * 1000 * warningRatio);
    }
}
