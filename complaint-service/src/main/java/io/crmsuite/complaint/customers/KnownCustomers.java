package io.crmsuite.complaint.customers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.Enums.CustomerMatch;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The local copy of customer records: intake ties complaints to customers from it, the customer events keep it.
 * Every write of a customer is conditional on the version it read ({@code {_id, version}}, a unique index), so a
 * redelivered or concurrently applied event changes nothing.
 */
@ApplicationScoped
public class KnownCustomers {

    /** Customers sharing a contact read per round trip, until two live ones are found. */
    private static final int CANDIDATES_PER_READ = 50;

    /**
     * Sets the complaint's customer, match and tier. An unknown customer id is accepted as UNKNOWN_CUSTOMER and
     * linked when the customer shows up; contact details alone match a customer with that e-mail or phone. An
     * erased customer's complaint keeps no contact details.
     */
    public void match(Complaint c, String customerId) {
        if (customerId != null) {
            c.customerId = customerId.toLowerCase(Locale.ROOT);
            KnownCustomer known = KnownCustomer.findById(c.customerId);
            if (known == null) {
                c.customerMatch = CustomerMatch.UNKNOWN_CUSTOMER;
            } else if (known.erased) {
                ComplaintErasure.eraseContacts(c);
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

    /**
     * Remembers a complaint taken in without a known customer, so the customer's arrival finds it by key. Called
     * before the complaint is stored, and followed by {@link CustomerLinker#recheck} after: whichever of intake and
     * the customer event comes second sees what the other wrote, so no interleaving leaves it unlinked.
     */
    public void awaitCustomer(Complaint c) {
        WaitingComplaints.add(waitingKeys(c), c.id);
    }

    static List<String> waitingKeys(Complaint c) {
        List<String> keys = new ArrayList<>();
        if (c.customerMatch == CustomerMatch.UNKNOWN_CUSTOMER) {
            keys.add(ContactDirectory.customer(c.customerId));
        } else if (c.customerMatch == CustomerMatch.UNMATCHED) {
            if (c.contactEmail != null) {
                keys.add(ContactDirectory.email(c.contactEmail));
            }
            if (c.contactPhone != null) {
                keys.add(ContactDirectory.phone(c.contactPhone));
            }
        }
        return keys;
    }

    /** The one live customer with this e-mail or phone, if exactly one; else null. */
    static KnownCustomer uniqueByContact(String email, String phone) {
        List<KnownCustomer> found = byContact(email, phone);
        return found.size() == 1 ? found.get(0) : null;
    }

    /**
     * Customers with this e-mail or phone, through the contact directory (lookups by {@code _id}), at most two: two
     * already mean that the contact names nobody in particular. A directory entry left behind by a change the
     * process did not finish is ignored: the customer must still have the contact.
     */
    private static List<KnownCustomer> byContact(String email, String phone) {
        List<String> keys = new ArrayList<>();
        if (email != null) {
            keys.add(ContactDirectory.email(email));
        }
        if (phone != null) {
            keys.add(ContactDirectory.phone(phone));
        }
        List<String> ids = new ArrayList<>(ContactDirectory.customersUsing(keys));
        List<KnownCustomer> found = new ArrayList<>();
        for (int from = 0; from < ids.size() && found.size() < 2; from += CANDIDATES_PER_READ) {
            List<String> chunk = ids.subList(from, Math.min(from + CANDIDATES_PER_READ, ids.size()));
            for (KnownCustomer customer : KnownCustomer.collection().find(Filters.in("_id", chunk))) {
                if (!customer.erased && (customer.emails.contains(email) || customer.phones.contains(phone))
                        && found.size() < 2) {
                    found.add(customer);
                }
            }
        }
        return found;
    }

    /** A customer as a registration or update describes it. */
    KnownCustomer profile(String id, long version, String tier, List<String> emails, List<String> phones) {
        KnownCustomer c = new KnownCustomer();
        c.id = id;
        c.version = version;
        c.tier = tier;
        c.emails = emails;
        c.phones = phones;
        return c;
    }

    /**
     * Stores a registration or update: the new contact keys go into the directory before the customer (so intake
     * finds the customer by contact as soon as it exists), the keys it no longer has are removed after. False when
     * the customer is no longer at {@code readVersion}.
     */
    boolean save(KnownCustomer after, KnownCustomer before, long readVersion) {
        List<String> keys = ContactDirectory.contacts(after.emails, after.phones);
        keys.forEach(key -> ContactDirectory.add(key, after.id));
        boolean saved = write(after.id, readVersion, after.version, Updates.set("tier", after.tier),
                Updates.set("emails", after.emails), Updates.set("phones", after.phones),
                Updates.set("erased", false));
        if (saved && before != null) {
            ContactDirectory.contacts(before.emails, before.phones).stream().filter(k -> !keys.contains(k))
                    .forEach(key -> ContactDirectory.remove(key, after.id));
        }
        return saved;
    }

    boolean changeTier(String id, String tier, long version, long readVersion) {
        return write(id, readVersion, version, Updates.set("tier", tier));
    }

    boolean markErased(String id, long version, long readVersion) {
        return write(id, readVersion, version, Updates.set("erased", true), Updates.set("emails", List.of()),
                Updates.set("phones", List.of()));
    }

    /** An event that changes nothing here still advances the version. */
    boolean advance(String id, long version, long readVersion) {
        return write(id, readVersion, version);
    }

    private static boolean write(String id, long readVersion, long version, Bson... sets) {
        List<Bson> update = new ArrayList<>(List.of(sets));
        update.add(Updates.set("version", version));
        try {
            var result = KnownCustomer.collection().updateOne(new Document("_id", id).append("version", readVersion),
                    Updates.combine(update), new UpdateOptions().upsert(true));
            return result.getModifiedCount() + (result.getUpsertedId() == null ? 0 : 1) > 0;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // the customer exists at another version: someone else applied this event
            }
            throw e;
        }
    }
}
