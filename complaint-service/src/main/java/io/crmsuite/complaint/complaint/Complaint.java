package io.crmsuite.complaint.complaint;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.codecs.pojo.annotations.BsonId;

import io.crmsuite.complaint.complaint.Enums.Category;
import io.crmsuite.complaint.complaint.Enums.Channel;
import io.crmsuite.complaint.complaint.Enums.ClockStatus;
import io.crmsuite.complaint.complaint.Enums.CustomerMatch;
import io.crmsuite.complaint.complaint.Enums.Severity;
import io.crmsuite.complaint.complaint.Enums.Status;
import io.crmsuite.platform.http.Caller;
import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.mongodb.panache.PanacheMongoEntityBase;

/**
 * The stored complaint: one document holds the complaint, its timeline, its resolution clock and the events not
 * yet relayed to Kafka, so a change and its event are one single-document write. {@code version} is bumped once
 * per event; every write is conditional on the version it read.
 */
@MongoEntity(collection = "complaints")
public class Complaint extends PanacheMongoEntityBase {

    @BsonId
    public String id;

    public String customerId;
    public CustomerMatch customerMatch;
    public String customerTier;
    public String contactPhone;
    public String contactEmail;

    public Channel channel;
    public Category category;
    public Severity severity;
    public String description;
    public String source;
    public String externalRef;
    public Map<String, String> attributes = new LinkedHashMap<>();

    public Instant occurredAt;
    public Instant receivedAt;
    public Instant acknowledgedAt;
    public Instant resolvedAt;
    public Instant closedAt;

    public Status status;
    /** Where a complaint on hold returns to when it resumes. */
    public Status statusBeforeHold;
    public String assignee;
    public String team;
    /**
     * The escalation steps applied in the running cycle ({@code sla.escalations}); 0 when none. A copy at the top
     * of the document so that the lists filter and sort on it; a reopen starts it again at 0.
     */
    public int escalationLevel;

    public Resolution resolution;
    public Satisfaction satisfaction;

    public Clock sla;
    /** Clocks of earlier resolution cycles, before a reopen. */
    public List<Clock> previousCycles = new ArrayList<>();

    /**
     * The next instant the SLA scanner must look at this complaint (warning, then deadline); null when nothing
     * is pending (resolved, on hold, or both already recorded). Mirrored into the scanner's buckets (SlaTimers).
     */
    public Instant nextSlaCheckAt;

    public List<TimelineEntry> timeline = new ArrayList<>();

    /** The Idempotency-Keys of the latest handling actions, so that a retried action is not done twice. */
    public List<ActionKey> actionKeys = new ArrayList<>();

    /** Events written with the change, waiting for the relay; {@code pendingSince} is indexed for it. */
    public List<PendingEvent> pendingEvents = new ArrayList<>();
    public Instant pendingSince;

    public Instant updatedAt;
    /** The aggregate version: bumped once per event, carried by each event. */
    public long version;
    /** Bumped by every write (events or not, e.g. notes); saves are conditional on it; the ETag. */
    public long revision;

    /** The collection, typed (Panache's own accessor is generic in the entity type). */
    public static com.mongodb.client.MongoCollection<Complaint> collection() {
        return mongoCollection();
    }

    /** The resolution clock of one cycle. Pause and elapsed time are in the policy's time (clock or business). */
    public static class Clock {
        public int cycle;
        public String policy;
        public int policyVersion;
        public long targetSeconds;
        public String calendar;
        public Instant startedAt;
        public Instant dueAt;
        public Instant warnAt;
        public long pausedSeconds;
        public Instant pausedSince;
        public Instant warnedAt;
        public Instant breachedAt;
        public Instant stoppedAt;
        public ClockStatus status;
        /**
         * The holds that ended in this cycle (a running one is {@code pausedSince}): what {@code pausedSeconds} was
         * counted from, kept so the pauses can be counted again in another policy's time. One per hold action, so
         * bounded by the timeline.
         */
        public List<Hold> holds = new ArrayList<>();
        /** The escalation steps applied in this cycle, in the order of their moments; each step at most once. */
        public List<Escalation> escalations = new ArrayList<>();
    }

    /** One escalation step applied to a cycle: when, what it counted from, and what it changed. */
    public static class Escalation {
        /** The step's name: {@code <name>} of {@code crm.sla.escalation.<name>}. */
        public String step;
        /** The complaint's escalation level after the step: 1 for the cycle's first. */
        public int level;
        /** AT_RISK or BREACHED: what the step's delay counts from. */
        public String trigger;
        /** The step's own moment (not the moment it was detected). */
        public Instant at;
        public String fromTeam;
        public String toTeam;
        /** The agent before the step; a step that moved the complaint to another team's queue cleared it. */
        public String fromAgent;
        public Severity fromSeverity;
        public Severity toSeverity;
        /** The aggregate version of the step's complaint.escalated event. */
        public long version;
    }

    /** A hold of the clock, from when it was put on hold to when it ran again. */
    public static class Hold {
        public Instant from;
        public Instant to;

        public Hold() {
        }

        public Hold(Instant from, Instant to) {
            this.from = from;
            this.to = to;
        }
    }

    public static class Resolution {
        public String code;
        public String summary;
        public String compensationKind;
        public BigDecimal compensationAmount;
        public long durationSeconds;
        public boolean met;
    }

    public static class Satisfaction {
        public int score;
        public Boolean wouldBuyAgain;
        public String comment;
        public Instant at;
    }

    /** One step of the complaint's story: {@code actor} the authenticated client, {@code agent} a name it gave. */
    public static class TimelineEntry {
        public Instant at;
        public String type;
        public String actor;
        public String agent;
        public Map<String, String> details;

        public TimelineEntry() {
        }

        public TimelineEntry(Instant at, String type, Caller caller, Map<String, String> details) {
            this.at = at;
            this.type = type;
            this.actor = caller.client();
            this.agent = caller.agent();
            this.details = details;
        }
    }

    /** An action's Idempotency-Key, which action it was and the fingerprint of its body. */
    public static class ActionKey {
        public String key;
        public String action;
        public String fingerprint;

        public ActionKey() {
        }

        public ActionKey(String key, String action, String fingerprint) {
            this.key = key;
            this.action = action;
            this.fingerprint = fingerprint;
        }
    }

    /** An event of this complaint not yet acknowledged by Kafka; its version identifies it. */
    public static class PendingEvent {
        public long version;
        public String json;

        public PendingEvent() {
        }

        public PendingEvent(long version, String json) {
            this.version = version;
            this.json = json;
        }
    }
}
