package io.crmsuite.complaint.customers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * Which customers use an e-mail or phone ({@code customer_contacts}): {@code _id} = the contact key
 * ({@code email:<e-mail>}, {@code phone:<phone>}), {@code ids} = the customers using it. Also the names of the
 * keys, which {@link WaitingComplaints} shares.
 * <p>
 * One document per key holding its set, unlike the waiting complaints: only the customer events consumer writes
 * here (one write per contact of a registration or update, never an intake), a set holds the customers who share
 * one e-mail or phone (a household, a small firm), and intake needs a key's whole set at once to tell one customer
 * from several. One document per (key, customer) would make that an {@code _id} prefix read on every intake by
 * contact, where this is one {@code _id} lookup for both of a caller's keys.
 */
final class ContactDirectory {

    private static final String COLLECTION = "customer_contacts";

    private ContactDirectory() {
    }

    static String email(String value) {
        return "email:" + value;
    }

    static String phone(String value) {
        return "phone:" + value;
    }

    static String customer(String id) {
        return "customer:" + id;
    }

    /** Keys for a set of e-mails and phones. */
    static List<String> contacts(List<String> emails, List<String> phones) {
        List<String> keys = new ArrayList<>();
        emails.forEach(e -> keys.add(email(e)));
        phones.forEach(p -> keys.add(phone(p)));
        return keys;
    }

    /** The customers using any of {@code keys}, in one lookup ({@code $in} on {@code _id}). */
    static Set<String> customersUsing(List<String> keys) {
        Set<String> ids = new LinkedHashSet<>();
        if (!keys.isEmpty()) {
            for (Document entry : collection().find(Filters.in("_id", keys))) {
                ids.addAll(entry.getList("ids", String.class, List.of()));
            }
        }
        return ids;
    }

    static void add(String key, String customerId) {
        collection().updateOne(Filters.eq("_id", key), Updates.addToSet("ids", customerId),
                new UpdateOptions().upsert(true));
    }

    static void remove(String key, String customerId) {
        collection().updateOne(Filters.eq("_id", key), Updates.pull("ids", customerId));
    }

    /** Removes the key once no customer is left under it (another customer may still share the e-mail or phone). */
    static void dropIfEmpty(String key) {
        Document entry = collection().find(Filters.eq("_id", key)).first();
        if (entry != null && entry.getList("ids", String.class, List.of()).isEmpty()) {
            collection().deleteOne(new Document("_id", key).append("ids", List.of()));
        }
    }

    private static MongoCollection<Document> collection() {
        return KnownCustomer.mongoDatabase().getCollection(COLLECTION);
    }
}
