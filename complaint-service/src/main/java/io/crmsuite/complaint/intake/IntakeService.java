package io.crmsuite.complaint.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.crmsuite.complaint.config.ComplaintConfig;
import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.ComplaintStore;
import io.crmsuite.complaint.complaint.Enums.Status;
import io.crmsuite.complaint.customers.CustomerLinker;
import io.crmsuite.complaint.customers.KnownCustomers;
import io.crmsuite.complaint.outbox.ComplaintEvents;
import io.crmsuite.complaint.sla.SlaClock;
import io.crmsuite.complaint.sla.SlaPolicies;
import io.crmsuite.events.EventTypes;
import io.crmsuite.platform.contact.ContactFormats;
import io.crmsuite.platform.http.Caller;
import io.crmsuite.platform.http.Fingerprint;
import io.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * Takes complaints in. A retried post never creates a second complaint: the Idempotency-Key and the source's
 * own reference are claimed (unique ids) before the complaint is written, and a retry that finds a claim answers
 * with the complaint it points to, completing it first if the earlier request died half-way.
 */
@ApplicationScoped
public class IntakeService {

    /** Tills and call-center PCs drift: occurredAt a little in the future is accepted as now. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Clock clock;
    private final ComplaintConfig config;
    private final SlaPolicies policies;
    private final ComplaintEvents events;
    private final KnownCustomers customers;
    private final CustomerLinker linker;
    private final ComplaintStore store;

    IntakeService(Clock clock, ComplaintConfig config, SlaPolicies policies, ComplaintEvents events,
            KnownCustomers customers, CustomerLinker linker, ComplaintStore store) {
        this.store = store;
        this.linker = linker;
        this.clock = clock;
        this.config = config;
        this.policies = policies;
        this.events = events;
        this.customers = customers;
    }

    /** The complaint, and whether this request created it (false: an earlier identical request did). */
    public record Intake(Complaint complaint, boolean created) {
    }

    /** {@code idempotencyKey} is already the caller's own (see Caller#scope). */
    public Intake intake(@NotNull @Valid IntakeRequest request, String idempotencyKey, Caller caller) {
        validate(request);
        String fingerprint = Fingerprint.of(request);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String fresh = ComplaintIds.next(now.toEpochMilli()); // a new complaint's id carries its receivedAt
        String id = fresh;
        if (idempotencyKey != null) {
            IntakeClaim claim = claim("key:" + idempotencyKey, id, fingerprint);
            if (!claim.fingerprint.equals(fingerprint)) {
                throw Fingerprint.reusedKey();
            }
            id = claim.complaintId;
        }
        String externalRef = externalRefOf(request);
        if (externalRef != null) {
            // per client too: another client's reference names another complaint, and does not reveal this one
            IntakeClaim ref = claim("ref:" + caller.client() + "|" + request.source() + "|" + externalRef, id,
                    fingerprint);
            if (!ref.complaintId.equals(id) && idempotencyKey != null) {
                // the source reference already names another complaint: the key now answers with that one
                IntakeClaim.mongoCollection().updateOne(Filters.eq("_id", "key:" + idempotencyKey),
                        Updates.set("complaintId", ref.complaintId));
            }
            id = ref.complaintId;
        }
        // a claim made by an earlier request names its complaint, which may be stored; a fresh id names nothing yet
        Complaint existing = id.equals(fresh) ? null : Complaint.findById(id);
        if (existing != null) {
            return new Intake(completed(existing), false); // the first request may have died before its re-check
        }
        Complaint complaint = newComplaint(id, request, caller, now);
        customers.awaitCustomer(complaint);
        try {
            store.insert(complaint);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return new Intake(completed(Complaint.findById(id)), false); // a concurrent retry wrote it first
        }
        return new Intake(completed(complaint), true);
    }

    /**
     * Re-checks the customer once the complaint is stored (it may have arrived, or been erased, since the match)
     * and answers with the complaint as it is then.
     */
    private Complaint completed(Complaint complaint) {
        return linker.recheck(complaint) ? store.get(complaint.id) : complaint;
    }

    /** Inserts the claim, or returns the one an earlier request made. */
    private static IntakeClaim claim(String claimId, String complaintId, String fingerprint) {
        try {
            IntakeClaim claim = new IntakeClaim(claimId, complaintId, fingerprint);
            claim.persist();
            return claim;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return IntakeClaim.findById(claimId);
        }
    }

    /** The source's reference as the complaint keeps it: trimmed, and none at all when blank (nothing to match on). */
    private static String externalRefOf(IntakeRequest request) {
        return request.externalRef() == null || request.externalRef().isBlank() ? null : request.externalRef().trim();
    }

    private Complaint newComplaint(String id, IntakeRequest request, Caller actor, Instant now) {
        Complaint c = new Complaint();
        c.id = id;
        c.channel = request.channel();
        c.category = request.category();
        c.severity = request.severity();
        c.description = request.description().trim();
        c.source = request.source().trim();
        c.externalRef = externalRefOf(request);
        c.attributes = request.attributes() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(request.attributes());
        if (request.contact() != null) {
            c.contactPhone = request.contact().phone() == null ? null : ContactFormats.normalizePhone(request.contact().phone());
            c.contactEmail = request.contact().email() == null ? null : ContactFormats.normalizeEmail(request.contact().email());
        }
        customers.match(c, request.customerId());
        c.receivedAt = now;
        c.occurredAt = request.occurredAt() == null ? now
                : (request.occurredAt().isAfter(now) ? now : request.occurredAt().truncatedTo(ChronoUnit.MILLIS));
        c.status = Status.RECEIVED;
        c.sla = SlaClock.start(1, policies.choose(c.severity, c.customerTier, c.occurredAt),
                c.occurredAt, policies.warningRatio());
        c.nextSlaCheckAt = SlaClock.nextCheck(c.sla, policies.timeOf(c.sla.calendar));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("channel", c.channel.name());
        details.put("policy", c.sla.policy + " v" + c.sla.policyVersion);
        details.put("dueAt", c.sla.dueAt.toString());
        c.timeline.add(new Complaint.TimelineEntry(now, "received", actor, details));
        c.version = 0;
        events.record(c, EventTypes.COMPLAINT_RECEIVED, actor, now, null);
        return c;
    }

    private void validate(IntakeRequest request) {
        boolean hasContact = request.contact() != null
                && (request.contact().phone() != null || request.contact().email() != null);
        if (request.customerId() == null && !hasContact) {
            throw ProblemException.badField("customerId", "give the customerId, or a contact phone or e-mail when the "
                    + "caller is not known yet");
        }
        if (request.contact() != null) {
            if (request.contact().phone() != null && !ContactFormats.isPhone(request.contact().phone())) {
                throw ProblemException.badField("contact.phone", ContactFormats.PHONE_HINT);
            }
            if (request.contact().email() != null && !ContactFormats.isEmail(request.contact().email())) {
                throw ProblemException.badField("contact.email", ContactFormats.EMAIL_HINT);
            }
        }
        if (request.attributes() != null && request.attributes().size() > config.maxAttributes()) {
            throw ProblemException.badField("attributes", "at most " + config.maxAttributes() + " attributes");
        }
        if (request.occurredAt() != null) {
            Instant now = clock.instant();
            if (request.occurredAt().isAfter(now.plus(CLOCK_SKEW))) {
                throw ProblemException.badField("occurredAt", "is in the future (now is " + now + ")");
            }
            if (request.occurredAt().isBefore(now.minus(config.maxOccurredAge()))) {
                throw ProblemException.badField("occurredAt", "is more than " + config.maxOccurredAge().toDays()
                        + " days ago; complaints older than that are taken in with the time they are posted");
            }
        }
    }
}
