package io.crmsuite.customer.outbox;

import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.crmsuite.platform.events.EventPublisher;
import io.crmsuite.platform.events.OutgoingEvent;
import io.crmsuite.platform.events.PollingLoop;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

/**
 * Sends outbox rows to Kafka in id order and marks them sent once acknowledged. An advisory lock lets one replica
 * relay at a time, so the events of one customer never overtake each other.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x6372_6d5f_6f75_74L; // "crm_out"
    private static final int BATCH = 500;

    private final EntityManager em;
    private final EventPublisher publisher;
    private final Duration pollInterval;
    private PollingLoop loop;

    OutboxRelay(EntityManager em, EventPublisher publisher,
            @ConfigProperty(name = "crm.outbox.poll-interval", defaultValue = "0.2s") Duration pollInterval) {
        this.em = em;
        this.publisher = publisher;
        this.pollInterval = pollInterval;
    }

    void start(@Observes StartupEvent event) {
        loop = PollingLoop.start("outbox-relay", pollInterval, this::relay);
    }

    @PreDestroy
    void stop() {
        if (loop != null) {
            loop.close();
        }
    }

    void relay() {
        int sent;
        do {
            sent = QuarkusTransaction.requiringNew().call(this::relayBatch);
        } while (sent == BATCH);
    }

    /** Returns how many events were sent and marked. */
    int relayBatch() {
        Boolean locked = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, RELAY_LOCK).getSingleResult();
        if (!locked) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, topic, event_key, payload FROM outbox_event "
                + "WHERE published_at IS NULL ORDER BY id LIMIT " + BATCH).getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<OutgoingEvent> events = rows.stream()
                .map(r -> new OutgoingEvent((String) r[1], (String) r[2], (String) r[3])).toList();
        int acknowledged = publisher.publish(events);
        if (acknowledged > 0) {
            // exactly the rows sent: a transaction that took a lower id but committed after the SELECT above is
            // visible to this UPDATE, and "id <= last sent" would mark its row sent without sending it
            Long[] sent = rows.subList(0, acknowledged).stream().map(r -> ((Number) r[0]).longValue())
                    .toArray(Long[]::new);
            em.createNativeQuery("UPDATE outbox_event SET published_at = now() WHERE id = ANY(?1)")
                    .setParameter(1, sent).executeUpdate();
        }
        if (acknowledged < rows.size()) {
            LOG.debugf("outbox: %d of %d events sent; the rest wait for Kafka", acknowledged, rows.size());
        }
        return acknowledged;
    }

    /**
     * Sent events are kept a week for inspection, then removed. Those of erased customers are removed at the
     * first run after they are sent: they may hold personal data, and an erasure deletes only the events already
     * sent when it runs (the relay must still send the others).
     */
    @Scheduled(every = "1h", delayed = "1m")
    public void purgeSent() {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("DELETE FROM outbox_event WHERE published_at < now() - interval '7 days'")
                    .executeUpdate();
            // event_key is compared as text: a key that is not a customer id cannot make the purge fail
            em.createNativeQuery("DELETE FROM outbox_event o USING customer c WHERE o.published_at IS NOT NULL "
                    + "AND o.event_key = c.id::text AND c.erased_at IS NOT NULL").executeUpdate();
        });
    }
}
