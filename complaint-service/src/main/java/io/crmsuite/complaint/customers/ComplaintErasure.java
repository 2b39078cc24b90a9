package io.crmsuite.complaint.customers;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.ComplaintStore;
import io.crmsuite.complaint.complaint.Enums.CustomerMatch;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Erasure on request, on this service's side: the customer's contact details leave its complaints (which keep
 * the opaque customer id for the indicators) and the contact directories. Each complaint is changed through
 * {@link ComplaintStore#updateIf}, which raises its revision: a handling action that read the complaint before
 * fails its conditional write and is applied again to the erased complaint, so it cannot write the details back.
 */
@ApplicationScoped
public class ComplaintErasure {

    private final ComplaintStore store;

    ComplaintErasure(ComplaintStore store) {
        this.store = store;
    }

    /**
     * Removes the customer from the contact directory. A contact no other customer has is the erased person's
     * alone: its key goes from both directories, and the complaints waiting under it lose it too. A contact shared
     * with another customer stays for that customer. {@code before} is the customer as stored before the erasure.
     */
    void forgetContacts(String customerId, KnownCustomer before) {
        if (before != null) {
            for (String key : ContactDirectory.contacts(before.emails, before.phones)) {
                ContactDirectory.remove(key, customerId);
                if (ContactDirectory.customersUsing(List.of(key)).isEmpty()) {
                    WaitingComplaints.waitingUnder(key).forEach(e -> eraseStored(store, e.complaintId()));
                    WaitingComplaints.drop(key);
                    ContactDirectory.dropIfEmpty(key);
                }
            }
        }
        WaitingComplaints.drop(ContactDirectory.customer(customerId));
    }

    /** Every complaint of the customer loses its contact details (idempotent: run again after a crash). */
    void eraseComplaintContacts(String customerId) {
        List<String> ids = Complaint.collection().find(Filters.eq("customerId", customerId))
                .projection(Projections.include("_id")).map(c -> c.id).into(new ArrayList<>());
        ids.forEach(id -> eraseStored(store, id));
    }

    static void eraseStored(ComplaintStore store, String complaintId) {
        Complaint read = Complaint.findById(complaintId);
        if (read == null) {
            return;
        }
        store.updateIf(read, c -> {
            if (c.customerMatch == CustomerMatch.ERASED && c.contactPhone == null && c.contactEmail == null) {
                return false;
            }
            eraseContacts(c);
            return true;
        });
    }

    /** The contact details go; the match says why they are missing. */
    static void eraseContacts(Complaint c) {
        c.contactPhone = null;
        c.contactEmail = null;
        c.customerMatch = CustomerMatch.ERASED;
    }
}
