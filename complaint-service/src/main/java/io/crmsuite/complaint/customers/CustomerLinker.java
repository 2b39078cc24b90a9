package io.crmsuite.complaint.customers;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;

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
        List<Bson> waiting = new ArrayList<>();
        waiting.add(Filters.and(Filters.eq("customerMatch", CustomerMatch.UNKNOWN_CUSTOMER.name()),
                Filters.eq("customerId", customerId)));
        if (!customer.emails.isEmpty()) {
            waiting.add(Filters.and(Filters.eq("customerMatch", CustomerMatch.UNMATCHED.name()),
                    Filters.in("contactEmail", customer.emails)));
        }
        if (!customer.phones.isEmpty()) {
            waiting.add(Filters.and(Filters.eq("customerMatch", CustomerMatch.UNMATCHED.name()),
                    Filters.in("contactPhone", customer.phones)));
        }
        List<Complaint> found = Complaint.collection().find(Filters.or(waiting))
                .projection(Projections.include("_id")).into(new ArrayList<>());
        for (Complaint c : found) {
            store.update(c.id, complaint -> {
                if (complaint.customerMatch == CustomerMatch.UNMATCHED
                        || complaint.customerMatch == CustomerMatch.UNKNOWN_CUSTOMER) {
                    handling.linkTo(complaint, customer, clock.instant().truncatedTo(ChronoUnit.MILLIS), ACTOR);
                }
            });
        }
    }
}
