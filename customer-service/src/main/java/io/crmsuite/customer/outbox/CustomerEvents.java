package io.crmsuite.customer.outbox;

import java.time.Instant;
import java.util.UUID;

import io.crmsuite.customer.profile.Customer;
import io.crmsuite.events.Topics;
import io.crmsuite.platform.events.EventFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Records an event about a customer in the outbox table, inside the caller's transaction: the event exists if and
 * only if the change it describes was committed. {@link OutboxRelay} sends it to Kafka afterwards.
 */
@ApplicationScoped
public class CustomerEvents {

    private final EntityManager em;
    private final EventFactory events;

    CustomerEvents(EntityManager em, EventFactory events) {
        this.em = em;
        this.events = events;
    }

    /** Bumps the customer's version and stores the event at that version. */
    public void record(Customer customer, String type, Instant time, Object data) {
        customer.version++;
        store(customer.id, customer.version, type, time, data);
    }

    /**
     * Deletes the customer's events that were already sent, for its erasure: a registration or an update carries
     * its profile (name, e-mails, phones). Events not sent yet stay, since the relay must still send them and the
     * consumers need them; {@link OutboxRelay#purgeSent} deletes those within the hour after they are sent.
     */
    public void deleteSent(UUID customerId) {
        em.createNativeQuery("DELETE FROM outbox_event WHERE event_key = ?1 AND published_at IS NOT NULL")
                .setParameter(1, customerId.toString()).executeUpdate();
    }

    /** For bulk statements that already bumped the version in SQL. */
    public void store(UUID customerId, long version, String type, Instant time, Object data) {
        em.createNativeQuery("INSERT INTO outbox_event (topic, event_key, payload) VALUES (?1, ?2, ?3)")
                .setParameter(1, Topics.CUSTOMER_EVENTS).setParameter(2, customerId.toString())
                .setParameter(3, events.toJson(type, customerId, version, time, data)).executeUpdate();
    }
}
