package io.crmsuite.customer.idempotency;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.crmsuite.platform.http.Fingerprint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Idempotency-Key records, claimed first thing in the creating transaction. A concurrent retry with the same key
 * waits on the primary key until the first commits, then sees its record: one resource, never two.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private final EntityManager em;

    IdempotencyKeys(EntityManager em) {
        this.em = em;
    }

    /**
     * Claims {@code key} for a new resource {@code newId}. Returns empty when the claim is ours (create it now), or
     * the id of the resource an earlier identical request created. 422 when the key was used for another body.
     */
    public Optional<UUID> claim(String scope, String key, String fingerprint, UUID newId, Instant now) {
        int inserted = em.createNativeQuery("INSERT INTO idempotency_key (scope, key, fingerprint, resource_id, created_at) "
                + "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING").setParameter(1, scope).setParameter(2, key)
                .setParameter(3, fingerprint).setParameter(4, newId).setParameter(5, now).executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT fingerprint, resource_id FROM idempotency_key WHERE scope = ?1 AND key = ?2")
                .setParameter(1, scope).setParameter(2, key).getResultList();
        Object[] first = rows.get(0);
        if (!fingerprint.equals(first[0])) {
            throw Fingerprint.reusedKey();
        }
        return Optional.of((UUID) first[1]);
    }
}
