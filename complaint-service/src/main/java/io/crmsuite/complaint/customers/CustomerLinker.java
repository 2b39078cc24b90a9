package io.crmsuite.complaint.customers;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;



import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.ComplaintStore;
import io.crmsuite.complaint.complaint.Enums.CustomerMatch;
import io.crmsuite.complaint.handling.HandlingService;
import jakarta.enterprise.context.ApplicationScoped;

/** Links complaints taken in before their customer was known, once the customer record arrives. */
@ApplicationScoped
public class CustomerLinker {

    static final String ACTOR = "customer-matching";

    private final ComplaintStore store;
    private final HandlingService handling;
    private final Clock clock;

    CustomerLinker(ComplaintStore store, HandlingService handling, Clock clock) {
        this.store = store;
        this.handling = handling;
        this.clock = clock;
    }

    void linkWaitingComplaints(String customerId) {
        KnownCustomer customer = KnownCustomer.findById(customerId);
        if (customer == null || customer.erased) {
            return;
        }
        List<String> keys = new ArrayList<>(ContactDirectory.contacts(customer.emails, customer.phones));
        keys.add(ContactDirectory.customer(customerId));
        for (String key : keys) {
            for (String complaintId : ContactDirectory.WAITING.get(key)) {
                link(complaintId, customer);
                ContactDirectory.WAITING.remove(key, complaintId);
            }
        }
    }

    private void link(String complaintId, KnownCustomer customer) {
        if (Complaint.findById(complaintId) == null) {
            return;
        }
        store.updateIf(complaintId, complaint -> {
            if (complaint.customerMatch != CustomerMatch.UNMATCHED
                    && complaint.customerMatch != CustomerMatch.UNKNOWN_CUSTOMER) {
                return false; // linked meanwhile (by hand, or by another contact): nothing to write
            }
            handling.linkTo(complaint, customer, clock.instant().truncatedTo(ChronoUnit.MILLIS), ACTOR);
            return true;
        });
    }
}
