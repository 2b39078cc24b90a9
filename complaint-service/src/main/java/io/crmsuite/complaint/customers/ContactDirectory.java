package io.crmsuite.complaint.customers;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * A set of ids per key, stored as {@code _id} = key, {@code ids} = the set: found by a lookup on {@code _id}
 * rather than a scan. Two directories: which customers use an e-mail or phone ({@code customer_contacts}), and
 * which complaints wait for a customer by id, e-mail or phone ({@code waiting_complaints}).
 */
final class ContactDirectory {

    static final ContactDirectory CUSTOMERS = new ContactDirectory("customer_contacts");
    static final ContactDirectory WAITING = new ContactDirectory("waiting_complaints");

    private final String collection;

    private ContactDirectory(String collection) {
        this.collection = collection;
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

    List<String> get(String key) {
        Document entry = collection().find(Filters.eq("_id", key)).first();
        return entry == null ? List.of() : entry.getList("ids", String.class, List.of());
    }

    void add(String key, String id) {
        collection().updateOne(Filters.eq("_id", key), Updates.addToSet("ids", id), new UpdateOptions().upsert(true));
    }

    void remove(String key, String id) {
        collection().updateOne(Filters.eq("_id", key), Updates.pull("ids", id));
    }

    /** Removes the key itself: after an erasure it must not stay behind as an {@code _id}. */
    void drop(String key) {
        collection().deleteOne(Filters.eq("_id", key));
    }

    /** Removes the key once no id is left under it (another customer may still share the e-mail or phone). */
    void dropIfEmpty(String key) {
        Document entry = collection().find(Filters.eq("_id", key)).first();
        if (entry != null && entry.getList("ids", String.class, List.of()).isEmpty()) {
            collection().deleteOne(new Document("_id", key).append("ids", List.of()));
        }
    }

    private MongoCollection<Document> collection() {
        return KnownCustomer.mongoDatabase().getCollection(collection);
    }
}
