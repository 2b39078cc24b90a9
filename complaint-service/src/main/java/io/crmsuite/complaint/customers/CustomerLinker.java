package io.crmsuite.complaint.customers;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.Filters;

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
    /** Waiting complaints read per round trip when a customer arrives. */
    private static final int CHUNK = 200;

    private final ComplaintStore store;
    private final HandlingService handling;
    private final Clock clock;

    CustomerLinker(ComplaintStore store, HandlingService handling, Clock clock) {
        this.store = store;
        this.handling = handling;
        this.clock = clock;
    }

    /**
     * After a customer was stored: links the complaints waiting for its id, e-mails or phones, a chunk of them read
     * at a time ({@code $in} on {@code _id}), and removes their entries under every key they waited with. A waiting
     * complaint not stored yet is being taken in right now: its intake re-checks, and its entry stays. Linking
     * looks at the complaint's own state, so a complaint met twice (under its e-mail and its phone, or again after
     * a redelivery) is linked once.
     */
    void linkWaitingComplaints(KnownCustomer customer) {
        if (customer.erased) {
            return;
        }
        List<String> keys = new ArrayList<>(ContactDirectory.contacts(customer.emails, customer.phones));
        keys.add(ContactDirectory.customer(customer.id));
        WaitingComplaints.waitingUnder(keys).forEach((key, waiting) -> {
            int done = 0;
            for (int from = 0; from < waiting.size(); from += CHUNK) {
                List<WaitingComplaints.Entry> chunk = waiting.subList(from, Math.min(from + CHUNK, waiting.size()));
                Map<String, List<String>> linked = new LinkedHashMap<>();
                for (Complaint complaint : Complaint.collection()
                        .find(Filters.in("_id", chunk.stream().map(WaitingComplaints.Entry::complaintId).toList()))) {
                    List<String> waitedUnder = new ArrayList<>(KnownCustomers.waitingKeys(complaint));
                    if (!waitedUnder.contains(key)) {
                        waitedUnder.add(key); // linked or erased since: its entry under this key goes anyway
                    }
                    link(complaint, customer);
                    linked.put(complaint.id, waitedUnder);
                }
                WaitingComplaints.remove(linked);
                List<WaitingComplaints.Entry> removed = chunk.stream().filter(e -> linked.containsKey(e.complaintId()))
                        .toList();
                WaitingComplaints.removeListed(key, removed);
                done += removed.size();
            }
            if (done == waiting.size()) {
                WaitingComplaints.dropMarker(key);
            }
        });
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
        List<String> waitedUnder = KnownCustomers.waitingKeys(c);
        link(store.get(c.id), customer);
        WaitingComplaints.remove(Map.of(c.id, waitedUnder));
        return true;
    }

    /** {@code read}: the whole stored complaint, as just read. */
    private void link(Complaint read, KnownCustomer customer) {
        store.updateIf(read, complaint -> {
            if (complaint.customerMatch != CustomerMatch.UNMATCHED
                    && complaint.customerMatch != CustomerMatch.UNKNOWN_CUSTOMER) {
                return false; // linked meanwhile (by hand, or by the other side): nothing to write
            }
            handling.linkTo(complaint, customer, clock.instant().truncatedTo(ChronoUnit.MILLIS), ACTOR);
            return true;
        });
    }
}
