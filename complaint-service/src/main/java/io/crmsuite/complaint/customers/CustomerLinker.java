package io.crmsuite.complaint.customers;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.ComplaintStore;
import io.crmsuite.complaint.complaint.Enums.CustomerMatch;
import io.crmsuite.complaint.handling.HandlingService;
import io.crmsuite.platform.http.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Links complaints taken in before their customer was known. Two sides meet here: a customer event links the
 * complaints waiting for it, and intake re-checks a complaint it has just stored. Each side writes first (the
 * customer, the waiting entry) and reads the other's write after, so whichever comes second links.
 */
@ApplicationScoped
public class CustomerLinker {

    static final Caller ACTOR = Caller.system("customer-matching");

    private final ComplaintStore store;
    private final HandlingService handling;
    private final Clock clock;

    CustomerLinker(ComplaintStore store, HandlingService handling, Clock clock) {
        this.store = store;
        this.handling = handling;
        this.clock = clock;
    }

    /** After a customer was stored: links the complaints waiting for its id, e-mails or phones. */
    void linkWaitingComplaints(KnownCustomer customer) {
        if (customer.erased) {
            return;
        }
        List<String> keys = new ArrayList<>(ContactDirectory.contacts(customer.emails, customer.phones));
        keys.add(ContactDirectory.customer(customer.id));
        for (String key : keys) {
            for (String complaintId : ContactDirectory.WAITING.get(key)) {
                // a complaint not stored yet is being taken in right now: its intake re-checks, the entry stays
                if (Complaint.findById(complaintId) != null) {
                    link(complaintId, customer);
                    ContactDirectory.WAITING.remove(key, complaintId);
                }
            }
        }
    }

    /**
     * After intake stored a complaint: if its customer arrived meanwhile it is linked now; if the customer it
     * matched was erased meanwhile, its contact details go. Once linked, its waiting entries are removed. True when
     * it changed the stored complaint.
     */
    public boolean recheck(Complaint c) {
        if (c.customerMatch == CustomerMatch.MATCHED) {
            KnownCustomer customer = KnownCustomer.findById(c.customerId);
            if (customer == null || !customer.erased) {
                return false;
            }
            ComplaintErasure.eraseStored(store, c.id);
            return true;
        }
        KnownCustomer customer = switch (c.customerMatch) {
            case UNKNOWN_CUSTOMER -> KnownCustomer.findById(c.customerId);
            case UNMATCHED -> KnownCustomers.uniqueByContact(c.contactEmail, c.contactPhone);
            default -> null;
        };
        if (customer == null || customer.erased) {
            return false;
        }
        link(c.id, customer);
        KnownCustomers.waitingKeys(c).forEach(key -> ContactDirectory.WAITING.remove(key, c.id));
        return true;
    }

    private void link(String complaintId, KnownCustomer customer) {
        store.updateIf(complaintId, complaint -> {
            if (complaint.customerMatch != CustomerMatch.UNMATCHED
                    && complaint.customerMatch != CustomerMatch.UNKNOWN_CUSTOMER) {
                return false; // linked meanwhile (by hand, or by the other side): nothing to write
            }
            handling.linkTo(complaint, customer, clock.instant().truncatedTo(ChronoUnit.MILLIS), ACTOR);
            return true;
        });
    }
}
