package io.crmsuite.complaint.handling;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.crmsuite.complaint.config.ComplaintConfig;
import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.ComplaintStore;
import io.crmsuite.complaint.complaint.Enums.ClockStatus;
import io.crmsuite.complaint.complaint.Enums.CustomerMatch;
import io.crmsuite.complaint.complaint.Enums.Status;
import io.crmsuite.complaint.customers.KnownCustomer;
import io.crmsuite.complaint.outbox.ComplaintEvents;
import io.crmsuite.complaint.sla.SlaClock;
import io.crmsuite.complaint.sla.SlaPolicies;
import io.crmsuite.complaint.sla.SlaRecorder;
import io.crmsuite.events.EventTypes;
import io.crmsuite.platform.http.Caller;
import io.crmsuite.platform.http.ETags;
import io.crmsuite.platform.http.Fingerprint;
import io.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The handling actions. Each checks that it is allowed in the complaint's state (409 naming the allowed ones),
 * records itself on the timeline with actor and time, moves the clock, and stores its event in the same write.
 */
@ApplicationScoped
public class HandlingService {

    /** Keys remembered per complaint: retries come within minutes, long before 50 more actions. */
    private static final int REMEMBERED_KEYS = 50;

    private final Clock clock;
    private final ComplaintStore store;
    private final ComplaintEvents events;
    private final SlaPolicies policies;
    private final ComplaintConfig config;
    private final SlaRecorder sla;

    HandlingService(Clock clock, ComplaintStore store, ComplaintEvents events, SlaPolicies policies,
            ComplaintConfig config, SlaRecorder sla) {
        this.clock = clock;
        this.store = store;
        this.events = events;
        this.policies = policies;
        this.config = config;
        this.sla = sla;
    }

    public Complaint acknowledge(String id, @NotNull @Valid ActionRequests.Acknowledge r, Caller actor,
            Precondition pre) {
        return act(id, pre, Actions.ACKNOWLEDGE, (c, now) -> {
            c.acknowledgedAt = now;
            if (c.status == Status.RECEIVED) {
                c.status = Status.ACKNOWLEDGED;
            }
            log(c, now, "acknowledged", actor, "message", r.message());
            events.record(c, EventTypes.COMPLAINT_ACKNOWLEDGED, actor, now, null);
        });
    }

    public Complaint assign(String id, @NotNull @Valid ActionRequests.Assign r, Caller actor, Precondition pre) {
        return act(id, pre, Actions.ASSIGN, (c, now) -> {
            c.assignee = r.agent();
            c.team = r.team();
            if (c.status == Status.RECEIVED || c.status == Status.ACKNOWLEDGED) {
                c.status = Status.IN_PROGRESS;
            } else if (c.status == Status.ON_HOLD) {
                c.statusBeforeHold = Status.IN_PROGRESS;
            }
            log(c, now, "assigned", actor, "agent", r.agent(), "team", r.team());
            events.record(c, EventTypes.COMPLAINT_ASSIGNED, actor, now, null);
        });
    }

    public Complaint hold(String id, @NotNull @Valid ActionRequests.Hold r, Caller actor, Precondition pre) {
        return act(id, pre, Actions.HOLD, (c, now) -> {
            c.statusBeforeHold = c.status;
            c.status = Status.ON_HOLD;
            SlaClock.pause(c.sla, now);
            c.nextSlaCheckAt = sla.nextCheck(c);
            log(c, now, "held", actor, "reason", r.reason());
            events.record(c, EventTypes.COMPLAINT_HELD, actor, now, r.reason());
        });
    }

    public Complaint resume(String id, @NotNull @Valid ActionRequests.Resume r, Caller actor, Precondition pre) {
        return act(id, pre, Actions.RESUME, (c, now) -> {
            resumeClock(c, now);
            log(c, now, "resumed", actor, "note", r.note());
            events.record(c, EventTypes.COMPLAINT_RESUMED, actor, now, null);
        });
    }

    public Complaint resolve(String id, @NotNull @Valid ActionRequests.Resolve r, Caller actor, Precondition pre) {
        return act(id, pre, Actions.RESOLVE, (c, now) -> {
            if (c.status == Status.ON_HOLD) {
                resumeClock(c, now);
            }
            long seconds = SlaClock.stop(c.sla, policies.timeOf(c.sla.calendar), now, policies.warningRatio())
                    .toSeconds();
            Complaint.Resolution resolution = new Complaint.Resolution();
            resolution.code = r.resolutionCode();
            resolution.summary = r.summary();
            if (r.compensation() != null) {
                resolution.compensationKind = r.compensation().kind();
                resolution.compensationAmount = r.compensation().amount();
            }
            resolution.durationSeconds = seconds;
            resolution.met = c.sla.status == ClockStatus.MET;
            c.resolution = resolution;
            c.resolvedAt = now;
            if (c.acknowledgedAt == null) {
                c.acknowledgedAt = now; // a resolution is a response too
            }
            c.status = Status.RESOLVED;
            c.nextSlaCheckAt = null;
            log(c, now, "resolved", actor, "resolutionCode", r.resolutionCode(), "summary", r.summary(),
                    "clock", c.sla.status.name());
            events.record(c, EventTypes.COMPLAINT_RESOLVED, actor, now, null);
        });
    }

    public Complaint reopen(String id, @NotNull @Valid ActionRequests.Reopen r, Caller actor, Precondition pre) {
        return act(id, pre, Actions.REOPEN, (c, now) -> reopenCycle(c, now, actor, r.reason()));
    }

    public Complaint close(String id, @NotNull @Valid ActionRequests.Close r, Caller actor, Precondition pre) {
        return act(id, pre, Actions.CLOSE, (c, now) -> {
            c.status = Status.CLOSED;
            c.closedAt = now;
            log(c, now, "closed", actor, "note", r.note());
            events.record(c, EventTypes.COMPLAINT_CLOSED, actor, now, null);
        });
    }

    public Complaint note(String id, @NotNull @Valid ActionRequests.Note r, Caller actor, Precondition pre) {
        return act(id, pre, Actions.NOTES, (c, now) -> log(c, now, "note", actor, "text", r.text()));
    }

    /** A low score reopens the complaint at once: service recovery while the customer is still listening. */
    public Complaint satisfaction(String id, @NotNull @Valid ActionRequests.Satisfaction r, Caller actor,
            Precondition pre) {
        return act(id, pre, Actions.SATISFACTION, (c, now) -> {
            Complaint.Satisfaction s = new Complaint.Satisfaction();
            s.score = r.score();
            s.wouldBuyAgain = r.wouldBuyAgain();
            s.comment = r.comment();
            s.at = now;
            c.satisfaction = s;
            log(c, now, "satisfaction", actor, "score", String.valueOf(r.score()), "comment", r.comment());
            events.record(c, EventTypes.COMPLAINT_SATISFACTION_RECORDED, actor, now, null);
            if (r.score() <= config.reopenAtOrBelowScore()) {
                reopenCycle(c, now, actor, "satisfaction score " + r.score() + ": service recovery");
            }
        });
    }

    public Complaint link(String id, @NotNull @Valid ActionRequests.Link r, Caller actor, Precondition pre) {
        KnownCustomer customer = KnownCustomer.findById(r.customerId().toLowerCase(java.util.Locale.ROOT));
        if (customer == null || customer.erased) {
            throw ProblemException.badField("customerId", "no customer " + r.customerId() + " is known here yet");
        }
        return act(id, pre, Actions.LINK, (c, now) -> linkTo(c, customer, now, actor));
    }

    /**
     * Ties a complaint to a customer (by hand, or when the customer record arrives later). When the customer's
     * tier gives the running cycle an earlier deadline (never a later one), the clock takes that policy, from the
     * same start and with the same holds; the timeline names the old and the new policy and deadline, the event
     * carries the new clock, and a warning or breach the new clock has already reached is recorded at its moment.
     */
    public void linkTo(Complaint c, KnownCustomer customer, Instant now, Caller actor) {
        sla.catchUp(c, now); // the old clock's warning or breach, if it came unseen, is the old clock's
        c.customerId = customer.id;
        c.customerTier = customer.tier;
        c.customerMatch = CustomerMatch.MATCHED;
        log(c, now, "customer-linked", actor, "customerId", customer.id);
        Complaint.Clock before = c.sla;
        Complaint.Clock earlier = policies.earlierClock(before, c.severity, customer.tier, now).orElse(null);
        if (earlier != null) {
            c.sla = earlier;
            log(c, now, "sla-policy-changed", actor, "fromPolicy", before.policy + " v" + before.policyVersion,
                    "fromDueAt", before.dueAt.toString(), "toPolicy", earlier.policy + " v" + earlier.policyVersion,
                    "toDueAt", earlier.dueAt.toString(), "reason", "customer tier " + customer.tier);
        }
        events.record(c, EventTypes.COMPLAINT_CUSTOMER_LINKED, actor, now, null);
        if (earlier != null) {
            sla.catchUp(c, now); // sets the next check (the scanner's timer) for the new clock too
        }
    }

    private void reopenCycle(Complaint c, Instant now, Caller actor, String reason) {
        c.previousCycles.add(c.sla);
        KnownCustomer customer = c.customerId == null ? null : KnownCustomer.findById(c.customerId);
        String tier = customer == null ? c.customerTier : customer.tier;
        c.sla = SlaClock.start(c.sla.cycle + 1, policies.choose(c.severity, tier, now), now, policies.warningRatio());
        // a new cycle escalates from level 0 again (each step once per cycle); team and severity stay as they are
        c.escalationLevel = 0;
        c.nextSlaCheckAt = sla.nextCheck(c);
        c.status = Status.IN_PROGRESS;
        c.resolution = null;
        c.resolvedAt = null;
        c.closedAt = null;
        c.satisfaction = null;
        log(c, now, "reopened", actor, "reason", reason, "dueAt", c.sla.dueAt.toString());
        events.record(c, EventTypes.COMPLAINT_REOPENED, actor, now, reason);
    }

    private void resumeClock(Complaint c, Instant now) {
        SlaClock.resume(c.sla, policies.timeOf(c.sla.calendar), now, policies.warningRatio());
        c.status = c.statusBeforeHold == null ? Status.IN_PROGRESS : c.statusBeforeHold;
        c.statusBeforeHold = null;
        c.nextSlaCheckAt = sla.nextCheck(c);
    }

    private interface Change {
        void apply(Complaint c, Instant now);
    }

    /**
     * A retry (a key this complaint has seen for the same action and body) answers with the complaint as it is
     * now, without acting again; the key is checked before If-Match, which the first attempt has made stale.
     * The key is stored in the same conditional write as the action, so two racing retries act once.
     */
    private Complaint act(String id, Precondition pre, Actions action, Change change) {
        return store.updateIf(id, c -> {
            if (pre.idempotencyKey() != null) {
                Complaint.ActionKey seen = c.actionKeys.stream().filter(k -> k.key.equals(pre.idempotencyKey()))
                        .findFirst().orElse(null);
                if (seen != null) {
                    if (!seen.action.equals(action.path()) || !seen.fingerprint.equals(pre.fingerprint())) {
                        throw Fingerprint.reusedKey();
                    }
                    return false;
                }
            }
            if (pre.ifMatch() != null) {
                ETags.requireMatch(pre.ifMatch(), c.revision);
            }
            action.require(c);
            if (c.timeline.size() >= config.maxTimelineEntries()) {
                // every action adds to the timeline (a reopen adds a cycle too): a complaint cannot grow unbounded
                throw ProblemException.of(409, "the complaint's timeline is full (" + config.maxTimelineEntries()
                        + " entries): no further action can be recorded on it");
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            sla.catchUp(c, now); // a deadline that passed unseen is recorded before the action, at its moment
            change.apply(c, now);
            if (pre.idempotencyKey() != null) {
                c.actionKeys.add(new Complaint.ActionKey(pre.idempotencyKey(), action.path(), pre.fingerprint()));
                if (c.actionKeys.size() > REMEMBERED_KEYS) {
                    c.actionKeys.remove(0);
                }
            }
            return true;
        });
    }

    static void log(Complaint c, Instant now, String type, Caller actor, String... keyValues) {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                details.put(keyValues[i], keyValues[i + 1]);
            }
        }
        c.timeline.add(new Complaint.TimelineEntry(now, type, actor, details));
    }
}
