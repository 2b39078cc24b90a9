package io.crmsuite.complaint.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.Enums.ClockStatus;
import io.crmsuite.complaint.config.SlaConfig.Trigger;
import io.crmsuite.complaint.escalation.EscalationSteps;
import io.crmsuite.complaint.outbox.ComplaintEvents;
import io.crmsuite.events.EventTypes;
import io.crmsuite.platform.http.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records the warning, the breach and the escalation steps of a running clock once their moment has come, with
 * their events. The scanner calls it when a complaint falls due, and every handling action calls it first: a
 * complaint resolved or put on hold after its deadline, before any scan saw it, still has its breach (and the
 * steps due by then) recorded, at their own moments, before the action, exactly once, because all of them write
 * through the complaint's conditional save.
 */
@ApplicationScoped
public class SlaRecorder {

    public static final Caller ACTOR = Caller.system("sla-monitor");
    /** The timeline entry of an escalation step. */
    public static final String ESCALATED = "escalated";

    private final ComplaintEvents events;
    private final SlaPolicies policies;
    private final EscalationSteps steps;

    SlaRecorder(ComplaintEvents events, SlaPolicies policies, EscalationSteps steps) {
        this.events = events;
        this.policies = policies;
        this.steps = steps;
    }

    /** What {@link #catchUp} recorded. */
    public record Recorded(boolean warning, boolean breach, List<Complaint.Escalation> escalations) {
    }

    /** An escalation step that is due, at its own moment. */
    private record DueStep(EscalationSteps.Step step, Instant at) {
    }

    /**
     * Records what is due at {@code now}, each at its own moment and in the order of the moments (the warning
     * first, then the breach and the escalation steps; a step never before what it counts from), and sets the
     * complaint's next check: the earliest of the warning, the deadline and the steps still to come.
     */
    public Recorded catchUp(Complaint c, Instant now) {
        Complaint.Clock sla = c.sla;
        WorkingTime time = policies.timeOf(sla.calendar);
        boolean warned = false;
        boolean breached = false;
        List<Complaint.Escalation> escalated = new ArrayList<>();
        if (sla.stoppedAt == null && sla.pausedSince == null) {
            if (sla.warnedAt == null && SlaClock.isAtRisk(sla, time, now, policies.warningRatio())) {
                sla.warnedAt = sla.warnAt;
                sla.status = ClockStatus.AT_RISK;
                events.record(c, EventTypes.COMPLAINT_SLA_WARNING, ACTOR, sla.warnAt, null);
                warned = true;
            }
            while (true) {
                DueStep step = firstDueStep(c, time, now);
                if (sla.breachedAt == null && SlaClock.isOverdue(sla, time, now)
                        && (step == null || !step.at().isBefore(sla.dueAt))) {
                    sla.breachedAt = sla.dueAt;
                    sla.status = ClockStatus.BREACHED;
                    events.record(c, EventTypes.COMPLAINT_SLA_BREACHED, ACTOR, sla.dueAt, null);
                    breached = true;
                } else if (step != null) {
                    escalated.add(escalate(c, step));
                } else {
                    break;
                }
            }
        }
        c.nextSlaCheckAt = nextCheck(c);
        return new Recorded(warned, breached, escalated);
    }

    /**
     * The next check of a complaint whose clock was just started, paused, resumed or stopped: its warning point or
     * deadline, or the moment of the next escalation step whose warning or breach is recorded (the others come after
     * their warning or deadline, which is looked at first); null while on hold or resolved.
     */
    public Instant nextCheck(Complaint c) {
        Complaint.Clock sla = c.sla;
        WorkingTime time = policies.timeOf(sla.calendar);
        Instant next = SlaClock.nextCheck(sla, time);
        for (EscalationSteps.Step s : steps.pending(c)) {
            if (countsFrom(sla, s) == null) {
                continue;
            }
            Instant check = SlaClock.escalationCheck(sla, time, policies.warningRatio(), s.on(), s.after());
            if (check != null && (next == null || check.isBefore(next))) {
                next = check;
            }
        }
        return next;
    }

    /** The pending step due at {@code now} whose moment comes first (on the same moment, the first by name). */
    private DueStep firstDueStep(Complaint c, WorkingTime time, Instant now) {
        DueStep first = null;
        for (EscalationSteps.Step s : steps.pending(c)) {
            Instant from = countsFrom(c.sla, s);
            if (from == null
                    || !SlaClock.isEscalationDue(c.sla, time, now, policies.warningRatio(), s.on(), s.after())) {
                continue;
            }
            Instant at = SlaClock.escalationAt(c.sla, time, policies.warningRatio(), s.on(), s.after());
            if (at.isBefore(from)) {
                at = from; // a clock re-chosen on linking after its warning: never before what the step counts from
            }
            if (first == null || at.isBefore(first.at())) {
                first = new DueStep(s, at);
            }
        }
        return first;
    }

    /** The recorded warning or breach a step counts from; null while it has not happened in this cycle. */
    private static Instant countsFrom(Complaint.Clock sla, EscalationSteps.Step s) {
        return s.on() == Trigger.AT_RISK ? sla.warnedAt : sla.breachedAt;
    }

    /** Applies a step at its moment: the complaint's fields, the timeline entry and the event, in the same write. */
    private Complaint.Escalation escalate(Complaint c, DueStep due) {
        Complaint.Escalation e = due.step().applyTo(c, c.sla.escalations.size() + 1, due.at());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("step", e.step);
        details.put("level", String.valueOf(e.level));
        details.put("trigger", e.trigger);
        if (!Objects.equals(e.fromTeam, e.toTeam)) {
            putIfPresent(details, "fromTeam", e.fromTeam);
            details.put("toTeam", e.toTeam);
            putIfPresent(details, "fromAgent", e.fromAgent);
        }
        if (e.fromSeverity != e.toSeverity) {
            details.put("fromSeverity", e.fromSeverity.name());
            details.put("toSeverity", e.toSeverity.name());
        }
        c.timeline.add(new Complaint.TimelineEntry(e.at, ESCALATED, ACTOR, details));
        events.recordEscalation(c, ACTOR, e);
        e.version = c.version;
        return e;
    }

    private static void putIfPresent(Map<String, String> details, String key, String value) {
        if (value != null) {
            details.put(key, value);
        }
    }
}
