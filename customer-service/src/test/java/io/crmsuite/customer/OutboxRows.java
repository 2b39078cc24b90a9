package io.crmsuite.customer;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

/**
 * The outbox table as tests read it. A row marked sent is never sent again, so once a customer has no unsent row,
 * everything the relay will ever publish for it is on the topic: a test can then count events without waiting for
 * a quiet period.
 */
final class OutboxRows {

    /** What tests look at in a row. */
    record Row(String payload, boolean sent) {
    }

    private OutboxRows() {
    }

    /** The rows of one customer, oldest first. */
    static List<Row> of(EntityManager em, String customerId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT payload, published_at IS NOT NULL FROM outbox_event "
                    + "WHERE event_key = ?1 ORDER BY id").setParameter(1, customerId).getResultList();
            return rows.stream().map(r -> new Row((String) r[0], (Boolean) r[1])).toList();
        });
    }

    /** Waits until the relay has sent and marked every row of these customers. */
    static void awaitRelayed(EntityManager em, Collection<String> customerIds, Duration timeout) {
        await().atMost(timeout).until(() -> unsent(em, customerIds) == 0);
    }

    private static long unsent(EntityManager em, Collection<String> customerIds) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND event_key = ANY(?1)")
                .setParameter(1, customerIds.toArray(String[]::new)).getSingleResult()).longValue());
    }
}
