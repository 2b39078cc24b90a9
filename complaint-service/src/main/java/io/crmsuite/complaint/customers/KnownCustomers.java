package io.crmsuite.complaint.customers;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.model.Filters;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.Enums.CustomerMatch;
import jakarta.enterprise.context.ApplicationScoped;

/** Ties a complaint to a customer at intake, from the local copy of customer records. */
@ApplicationScoped
public class KnownCustomers {

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

    private static List<KnownCustomer> byContact(String email, String phone) {
        List<org.bson.conversions.Bson> any = new ArrayList<>();
        if (email != null) {
            any.add(Filters.eq("emails", email));
        }
        if (phone != null) {
            any.add(Filters.eq("phones", phone));
        }
        if (any.isEmpty()) {
            return List.of();
        }
        return KnownCustomer.collection().find(Filters.and(Filters.eq("erased", false), Filters.or(any)))
                .limit(2).into(new ArrayList<>());
    }
}
