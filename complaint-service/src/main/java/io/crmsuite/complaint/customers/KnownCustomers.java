package io.crmsuite.complaint.customers;

import java.util.ArrayList;
import java.util.List;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.Enums.CustomerMatch;
import jakarta.enterprise.context.ApplicationScoped;

/** Ties a complaint to a customer at intake, from the local copy of customer records. */
@ApplicationScoped
public class KnownCustomers {

    /** Remembers a complaint taken in without a known customer, so the customer's arrival finds it by key. */
    public void awaitCustomer(Complaint c) {
        if (c.customerMatch == CustomerMatch.UNKNOWN_CUSTOMER) {
            ContactDirectory.WAITING.add(ContactDirectory.customer(c.customerId), c.id);
        } else if (c.customerMatch == CustomerMatch.UNMATCHED) {
            if (c.contactEmail != null) {
                ContactDirectory.WAITING.add(ContactDirectory.email(c.contactEmail), c.id);
            }
            if (c.contactPhone != null) {
                ContactDirectory.WAITING.add(ContactDirectory.phone(c.contactPhone), c.id);
            }
        }
    }

    /**
     * Sets the complaint's customer, match and tier. An unknown customer id is accepted as UNKNOWN_CUSTOMER and
     * linked when the customer shows up; contact details alone match a customer with that e-mail or phone.
     */
    public void match(Complaint c, String customerId) {
        if (customerId != null) {
            c.customerId = customerId.toLowerCase(java.util.Locale.ROOT);
            KnownCustomer known = KnownCustomer.findById(c.customerId);
            if (known == null) {
                c.customerMatch = CustomerMatch.UNKNOWN_CUSTOMER;
            } else if (known.erased) {
                c.customerMatch = CustomerMatch.ERASED;
            } else {
                c.customerMatch = CustomerMatch.MATCHED;
                c.customerTier = known.tier;
            }
            return;
        }
        List<KnownCustomer> candidates = byContact(c.contactEmail, c.contactPhone);
        if (candidates.size() == 1) {
            c.customerId = candidates.get(0).id;
            c.customerTier = candidates.get(0).tier;
            c.customerMatch = CustomerMatch.MATCHED;
        } else {
            c.customerMatch = CustomerMatch.UNMATCHED; // nobody, or several: a person decides later
        }
    }

    /** Customers with this e-mail or phone, through the contact directory (lookups by {@code _id}). */
    private static List<KnownCustomer> byContact(String email, String phone) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        if (email != null) {
            ids.addAll(ContactDirectory.CUSTOMERS.get(ContactDirectory.email(email)));
        }
        if (phone != null) {
            ids.addAll(ContactDirectory.CUSTOMERS.get(ContactDirectory.phone(phone)));
        }
        List<KnownCustomer> found = new ArrayList<>();
        for (String id : ids) {
            KnownCustomer customer = KnownCustomer.findById(id);
            if (customer != null && !customer.erased) {
                found.add(customer);
            }
        }
        return found;
    }
}
