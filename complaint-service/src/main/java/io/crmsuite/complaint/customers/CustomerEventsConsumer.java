package io.crmsuite.complaint.customers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.Enums.CustomerMatch;
import io.crmsuite.events.CloudEvent;
import io.crmsuite.events.EventTypes;
import io.crmsuite.platform.events.EventFactory;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Keeps the local copy of customers from {@code customer.events}: each event applied once (by its aggregate
 * version), then complaints waiting for that customer are linked. A message that cannot be read goes to the
 * dead-letter topic (see application.properties) and never blocks the partition.
 */
@ApplicationScoped
public class CustomerEventsConsumer {

    public static final String CHANNEL = "customer-events";
    private static final Logger LOG = Logger.getLogger(CustomerEventsConsumer.class);

    private final EventFactory events;
    private final CustomerLinker linker;

    CustomerEventsConsumer(EventFactory events, CustomerLinker linker) {
        this.events = events;
        this.linker = linker;
    }

    void createIndexes(@Observes StartupEvent start) {
        // unique by _id anyway: lets the local stand-in find the conditional write's {_id, version} by index
        KnownCustomer.collection().createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true));
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(String message) throws Exception {
        CloudEvent event = events.parse(message);
        String customerId = event.subject().toLowerCase(Locale.ROOT);
        JsonNode data = event.data();
        if (data == null) {
            throw new IllegalArgumentException("event " + event.id() + " has no data");
        }
        List<org.bson.conversions.Bson> set = new ArrayList<>();
        set.add(Updates.set("version", event.aggregateversion()));
        switch (event.type()) {
            case EventTypes.CUSTOMER_REGISTERED, EventTypes.CUSTOMER_UPDATED -> {
                set.add(Updates.set("tier", data.path("tier").asText(null)));
                set.add(Updates.set("emails", strings(data.path("emails"))));
                set.add(Updates.set("phones", strings(data.path("phones"))));
                set.add(Updates.set("erased", false));
            }
            case EventTypes.CUSTOMER_TIER_CHANGED -> set.add(Updates.set("tier", data.path("to").asText(null)));
            case EventTypes.CUSTOMER_ERASED -> {
                set.add(Updates.set("erased", true));
                set.add(Updates.set("emails", List.of()));
                set.add(Updates.set("phones", List.of()));
            }
            default -> {
                // purchases and lifecycle moves do not concern intake; the version still advances
            }
        }
        KnownCustomer before = KnownCustomer.findById(customerId);
        if (!applyOnce(customerId, before, event.aggregateversion(), set)) {
            LOG.debugf("skipped %s v%d of customer %s: already applied", event.type(), event.aggregateversion(),
                    customerId);
            return;
        }
        switch (event.type()) {
            case EventTypes.CUSTOMER_REGISTERED, EventTypes.CUSTOMER_UPDATED -> {
                updateDirectory(customerId, before, strings(data.path("emails")), strings(data.path("phones")));
                linker.linkWaitingComplaints(customerId);
            }
            case EventTypes.CUSTOMER_ERASED -> {
                updateDirectory(customerId, before, List.of(), List.of());
                eraseContacts(customerId);
            }
            default -> {
            }
        }
    }

    /**
     * Applies the update only when the stored version is older; false for a duplicate or redelivery. The write is
     * conditional on the version read ({@code {_id, version}}, a unique index): a concurrent apply makes it miss.
     */
    private static boolean applyOnce(String customerId, KnownCustomer before, long version,
            List<org.bson.conversions.Bson> set) {
        long stored = before == null ? 0 : before.version;
        if (stored >= version) {
            return false;
        }
        try {
            var result = KnownCustomer.collection().updateOne(
                    new org.bson.Document("_id", customerId).append("version", stored), Updates.combine(set),
                    new UpdateOptions().upsert(true));
            return result.getModifiedCount() + (result.getUpsertedId() == null ? 0 : 1) > 0;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // the customer exists at this version or newer
            }
            throw e;
        }
    }

    private static void updateDirectory(String customerId, KnownCustomer before, List<String> emails,
            List<String> phones) {
        if (before != null) {
            ContactDirectory.contacts(before.emails, before.phones)
                    .forEach(key -> ContactDirectory.CUSTOMERS.remove(key, customerId));
        }
        ContactDirectory.contacts(emails, phones).forEach(key -> ContactDirectory.CUSTOMERS.add(key, customerId));
    }

    /** Erasure: the complaints keep the (opaque) customer id for the indicators, not the contact details. */
    private static void eraseContacts(String customerId) {
        Complaint.collection().updateMany(Filters.eq("customerId", customerId), Updates.combine(
                Updates.set("contactPhone", null), Updates.set("contactEmail", null),
                Updates.set("customerMatch", CustomerMatch.ERASED.name())));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
