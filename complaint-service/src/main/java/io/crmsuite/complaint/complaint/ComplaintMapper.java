package io.crmsuite.complaint.complaint;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.crmsuite.complaint.handling.Actions;
import io.crmsuite.complaint.sla.SlaClock;
import io.crmsuite.complaint.sla.SlaPolicies;
import io.crmsuite.complaint.sla.WorkingTime;
import io.crmsuite.events.ComplaintEventData;
import io.crmsuite.platform.http.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/** The one place where stored complaints become API views and event data. */
@ApplicationScoped
public class ComplaintMapper {

    private final SlaPolicies policies;

    ComplaintMapper(SlaPolicies policies) {
        this.policies = policies;
    }

    public ComplaintView toView(Complaint c, Instant now) {
        return new ComplaintView(c.id, c.customerId, c.customerMatch, c.customerTier,
                new ComplaintView.Contact(c.contactPhone, c.contactEmail), c.channel, c.category, c.severity,
                c.description, c.source, c.externalRef, c.attributes, c.occurredAt, c.receivedAt, c.acknowledgedAt,
                c.resolvedAt, c.closedAt, c.status, Actions.allowedIn(c), c.assignee, c.team, c.escalationLevel,
                resolution(c),
                satisfaction(c), sla(c.sla, now), c.previousCycles.stream().map(p -> sla(p, now)).toList(),
                c.timeline.stream().map(t -> new ComplaintView.TimelineEntry(t.at, t.type, t.actor, t.agent, t.details))
                        .toList(),
                c.updatedAt, c.version, c.revision);
    }

    public ComplaintView.Sla sla(Complaint.Clock clock, Instant now) {
        WorkingTime time = policies.timeOf(clock.calendar);
        return new ComplaintView.Sla(clock.cycle, clock.policy, clock.policyVersion,
                Duration.ofSeconds(clock.targetSeconds), clock.calendar, clock.startedAt, clock.dueAt,
                SlaClock.status(clock, time, now, policies.warningRatio()), SlaClock.elapsed(clock, time, now),
                SlaClock.remaining(clock, time, now), SlaClock.paused(clock, time, now), clock.pausedSince != null,
                clock.warnedAt, clock.breachedAt, clock.stoppedAt, clock.escalations.stream()
                        .map(e -> new ComplaintView.Escalation(e.step, e.level, e.trigger, e.at, e.fromTeam, e.toTeam,
                                e.fromAgent, e.fromSeverity, e.toSeverity))
                        .toList());
    }

    /**
     * The event data of a change made at {@code at} by {@code caller}: the complaint as it is now, {@code reason}
     * when the event has one, and {@code escalation} for {@code complaint.escalated} (null otherwise).
     */
    public ComplaintEventData toEventData(Complaint c, Caller caller, Instant at, String reason,
            Complaint.Escalation escalation) {
        WorkingTime time = policies.timeOf(c.sla.calendar);
        ComplaintEventData.Sla sla = new ComplaintEventData.Sla(c.sla.cycle, c.sla.policy, c.sla.policyVersion,
                c.sla.targetSeconds, c.sla.startedAt, c.sla.dueAt,
                SlaClock.status(c.sla, time, at, policies.warningRatio()).name(),
                SlaClock.elapsed(c.sla, time, at).toSeconds(), SlaClock.paused(c.sla, time, at).toSeconds());
        // an escalation step may leave a team without an agent (its queue)
        ComplaintEventData.Assignment assignment = c.assignee == null && c.team == null ? null
                : new ComplaintEventData.Assignment(c.assignee, c.team);
        ComplaintEventData.Resolution resolution = null;
        if (c.resolution != null && c.status.equals(Enums.Status.RESOLVED)) {
            Long firstResponse = c.acknowledgedAt == null || c.sla.cycle != 1 ? null
                    : Duration.between(c.sla.startedAt, c.acknowledgedAt).toSeconds();
            resolution = new ComplaintEventData.Resolution(c.resolution.code, c.resolution.summary,
                    c.resolution.compensationKind, c.resolution.compensationAmount, c.resolution.durationSeconds,
                    c.resolution.met, firstResponse);
        }
        ComplaintEventData.Satisfaction satisfaction = c.satisfaction == null ? null
                : new ComplaintEventData.Satisfaction(c.satisfaction.score, c.satisfaction.wouldBuyAgain,
                        c.satisfaction.comment);
        return new ComplaintEventData(UUID.fromString(c.id), c.customerId == null ? null : UUID.fromString(c.customerId),
                c.customerMatch.name(), c.customerTier, c.channel.name(), c.category.name(), c.severity.name(),
                c.source, c.status.name(), c.receivedAt, caller.client(), at, sla, assignment, resolution, satisfaction,
                reason, caller.agent(), c.escalationLevel, escalation == null ? null
                        : new ComplaintEventData.Escalation(escalation.step, escalation.level, escalation.trigger,
                                escalation.fromTeam, escalation.toTeam, escalation.fromAgent,
                                escalation.fromSeverity.name(), escalation.toSeverity.name(), escalation.at));
    }

    private static ComplaintView.Resolution resolution(Complaint c) {
        if (c.resolution == null) {
            return null;
        }
        ComplaintView.Compensation compensation = c.resolution.compensationKind == null ? null
                : new ComplaintView.Compensation(c.resolution.compensationKind, c.resolution.compensationAmount);
        return new ComplaintView.Resolution(c.resolution.code, c.resolution.summary, compensation,
                Duration.ofSeconds(c.resolution.durationSeconds), c.resolution.met);
    }

    private static ComplaintView.Satisfaction satisfaction(Complaint c) {
        return c.satisfaction == null ? null : new ComplaintView.Satisfaction(c.satisfaction.score,
                c.satisfaction.wouldBuyAgain, c.satisfaction.comment, c.satisfaction.at);
    }
}
