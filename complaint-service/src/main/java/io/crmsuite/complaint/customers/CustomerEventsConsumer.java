package io.crmsuite.complaint.customers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import io.crmsuite.events.CloudEvent;
import io.crmsuite.events.EventTypes;
import io.crmsuite.platform.consumer.InvalidEventException;
import io.crmsuite.platform.consumer.UntilApplied;
import io.crmsuite.platform.events.EventFactory;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Keeps the local copy of customers from {@code customer.events}. Each event is applied once, by its aggregate
 * version: its effects on other documents (the contact directory, waiting complaints, erased contact details) come
 * first and are idempotent, and the customer's version is written last, so a crash in between is completed when
 * the event is redelivered. A store failure is retried until it passes (the partition waits); only an event that
 * cannot be read goes to the dead-letter topic (see application.properties).
 */
@ApplicationScoped
public class CustomerEventsConsumer {

    public static final String CHANNEL = "customer-events";
    private static final Logger LOG = Logger.getLogger(CustomerEventsConsumer.class);

    private final EventFactory events;
    private final UntilApplied untilApplied;
    private final KnownCustomers customers;
    private final CustomerLinker linker;
    private final ComplaintErasure erasure;

    CustomerEventsConsumer(EventFactory events, UntilApplied untilApplied, KnownCustomers customers,
            CustomerLinker linker, ComplaintErasure erasure) {
        this.events = events;
        this.untilApplied = untilApplied;
        this.customers = customers;
        this.linker = linker;
        this.erasure = erasure;
    }

    void createIndexes(@Observes StartupEvent start) {
        // unique by _id anyway: lets the local stand-in find the conditional write's {_id, version} by index
        KnownCustomer.collection().createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true));
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(String message) {
        CloudEvent event = read(message);
        untilApplied.run("complaint-service customer-events consumer", () -> apply(event));
    }

    void apply(CloudEvent event) {
        String customerId = event.subject().toLowerCase(Locale.ROOT);
        KnownCustomer before = KnownCustomer.findById(customerId);
        long stored = before == null ? 0 : before.version;
        if (event.aggregateversion() < stored) {
            LOG.debugf("skipped %s v%d of customer %s: v%d is applied", event.type(), event.aggregateversion(),
                    customerId, stored);
            return;
        }
        // version == stored: applied before, perhaps by a process that died before finishing its effects; they
        // are idempotent, so they run again and the version write is skipped
        boolean fresh = event.aggregateversion() > stored;
        JsonNode data = event.data();
        switch (event.type()) {
            case EventTypes.CUSTOMER_REGISTERED, EventTypes.CUSTOMER_UPDATED -> {
                KnownCustomer after = customers.profile(customerId, event.aggregateversion(),
                        data.path("tier").asText(null), strings(data.path("emails")), strings(data.path("phones")));
                if (fresh && !customers.save(after, before, stored)) {
                    return; // another consumer of this partition (a rebalance) applied it first, and its effects
                }
                linker.linkWaitingComplaints(after);
            }
            case EventTypes.CUSTOMER_TIER_CHANGED -> {
                if (fresh) {
                    customers.changeTier(customerId, data.path("to").asText(null), event.aggregateversion(), stored);
                }
            }
            case EventTypes.CUSTOMER_ERASED -> {
                if (fresh) {
                    // the contact keys are known only before the erasure is stored
                    erasure.forgetContacts(customerId, before);
                    if (!customers.markErased(customerId, event.aggregateversion(), stored)) {
                        return;
                    }
                }
                // after the mark: an intake that matched the customer before it is re-checked by intake itself
                erasure.eraseComplaintContacts(customerId);
            }
            default -> {
                // purchases and lifecycle moves do not concern intake; the version still advances
                if (fresh) {
                    customers.advance(customerId, event.aggregateversion(), stored);
                }
            }
        }
    }

    private CloudEvent read(String message) {
        CloudEvent event;
        try {
            event = events.parse(message);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a CloudEvent: " + e.getOriginalMessage(), e);
        }
        if (event.subject() == null || event.subject().isBlank()) {
            throw new InvalidEventException("event " + event.id() + " has no subject (the customer id)");
        }
        if (event.aggregateversion() < 1) {
            throw new InvalidEventException("event " + event.id() + " has no aggregate version");
        }
        if (event.data() == null || !event.data().isObject()) {
            throw new InvalidEventException("event " + event.id() + " has no data object");
        }
        return event;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
