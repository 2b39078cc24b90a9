package io.crmsuite.complaint.outbox;

import java.time.Instant;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.ComplaintMapper;
import io.crmsuite.events.ComplaintEventData;
import io.crmsuite.events.EventTypes;
import io.crmsuite.platform.events.EventFactory;
import io.crmsuite.platform.http.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Adds an event to the complaint document itself: it is stored by the same single-document write as the change
 * (MongoDB has no multi-document transaction on a single node), and {@link OutboxRelay} sends it afterwards.
 */
@ApplicationScoped
public class ComplaintEvents {

    private final EventFactory factory;
    private final ComplaintMapper mapper;

    ComplaintEvents(EventFactory factory, ComplaintMapper mapper) {
        this.factory = factory;
        this.mapper = mapper;
    }

    /** Bumps the version and appends the event {@code type} describing the complaint as it is now. */
    public void record(Complaint c, String type, Caller caller, Instant at, String reason) {
        append(c, type, at, mapper.toEventData(c, caller, at, reason, null));
    }

    /** Appends {@code complaint.escalated} for a step just applied, at the step's moment. */
    public void recordEscalation(Complaint c, Caller caller, Complaint.Escalation step) {
        append(c, EventTypes.COMPLAINT_ESCALATED, step.at, mapper.toEventData(c, caller, step.at, null, step));
    }

    private void append(Complaint c, String type, Instant at, ComplaintEventData data) {
        c.version++;
        c.updatedAt = at;
        c.pendingEvents.add(new Complaint.PendingEvent(c.version, factory.toJson(type, c.id, c.version, at, data)));
        if (c.pendingSince == null) {
            c.pendingSince = at;
        }
    }
}
