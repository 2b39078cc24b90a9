package io.crmsuite.complaint.sla;

import java.time.Instant;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.Enums.ClockStatus;
import io.crmsuite.complaint.outbox.ComplaintEvents;
import io.crmsuite.events.EventTypes;
import io.crmsuite.platform.http.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records the warning and the breach of a running clock once their moment has come, with their events. The
 * scanner calls it when a complaint falls due, and every handling action calls it first: a complaint resolved or
 * put on hold after its deadline, before any scan saw it, still has its breach recorded (at the deadline, before
 * the action), exactly once, because both write through the complaint's conditional save.
 */
@ApplicationScoped
public class SlaRecorder {

    public static final Caller ACTOR = Caller.system("sla-monitor");

    private final ComplaintEvents events;
    private final SlaPolicies policies;

    SlaRecorder(ComplaintEvents events, SlaPolicies policies) {
        this.events = events;
        this.policies = policies;
    }

    /** What {@link #catchUp} recorded. */
    public record Recorded(boolean warning, boolean breach) {
    }

    /** Records what is due at {@code now} and sets the complaint's next check. */
    public Recorded catchUp(Complaint c, Instant now) {
        Complaint.Clock sla = c.sla;
        WorkingTime time = policies.timeOf(sla.calendar);
        boolean warned = false;
        boolean breached = false;
        if (sla.stoppedAt == null && sla.pausedSince == null) {
            if (sla.warnedAt == null && SlaClock.isAtRisk(sla, time, now, policies.warningRatio())) {
                sla.warnedAt = sla.warnAt;
                sla.status = ClockStatus.AT_RISK;
                events.record(c, EventTypes.COMPLAINT_SLA_WARNING, ACTOR, sla.warnAt, null);
                warned = true;
            }
            if (sla.breachedAt == null && SlaClock.isOverdue(sla, time, now)) {
                sla.breachedAt = sla.dueAt;
                sla.status = ClockStatus.BREACHED;
                events.record(c, EventTypes.COMPLAINT_SLA_BREACHED, ACTOR, sla.dueAt, null);
                breached = true;
            }
        }
        c.nextSlaCheckAt = SlaClock.nextCheck(sla, time);
        return new Recorded(warned, breached);
    }

    /** The next check of a clock that was just started, paused, resumed or stopped. */
    public Instant nextCheck(Complaint.Clock sla) {
        return SlaClock.nextCheck(sla, policies.timeOf(sla.calendar));
    }
}
