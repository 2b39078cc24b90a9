package io.crmsuite.webhook.subscription;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.crmsuite.platform.http.Cursor;
import io.crmsuite.platform.http.ETags;
import io.crmsuite.platform.http.Fingerprint;
import io.crmsuite.platform.problem.ProblemException;
import io.crmsuite.webhook.config.WebhookConfig;
import io.crmsuite.webhook.outbound.Signatures;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * Creating, reading, changing and deleting subscriptions, each client its own ({@link Requester}): a subscription
 * another client owns is "not found" (404), so ids of others' subscriptions reveal nothing; an admin sees all.
 */
@ApplicationScoped
public class SubscriptionService {

    private final Clock clock;
    private final EntityManager em;
    private final SubscriptionRules rules;
    private final WebhookConfig config;

    SubscriptionService(Clock clock, EntityManager em, SubscriptionRules rules, WebhookConfig config) {
        this.clock = clock;
        this.em = em;
        this.rules = rules;
        this.config = config;
    }

    /** The subscription and its secret, and whether an earlier request with the same Idempotency-Key made it. */
    public record Created(Subscription subscription, boolean replayed) {
    }

    public record Page(List<SubscriptionView> items, String nextCursor) {
    }

    @Transactional
    public Created create(@NotNull @Valid SubscriptionRequest request, Requester requester, String idempotencyKey) {
        rules.check(request);
        Instant now = now();
        UUID id = UUID.randomUUID();
        if (idempotencyKey != null) {
            Optional<UUID> earlier = claimKey(requester.client(), idempotencyKey, Fingerprint.of(request), id, now);
            if (earlier.isPresent()) {
                return new Created(Subscription.findById(earlier.get()), true);
            }
        }
        if (Subscription.count("owner", requester.client()) >= config.maxSubscriptionsPerOwner()) {
            throw ProblemException.of(409, "client '" + requester.client() + "' has " + config.maxSubscriptionsPerOwner()
                    + " subscriptions, the most one client may hold; delete one first");
        }
        Subscription subscription = new Subscription();
        subscription.id = id;
        subscription.owner = requester.client();
        subscription.secret = Signatures.newSecret();
        subscription.createdAt = now;
        subscription.updatedAt = now;
        subscription.version = 1;
        SubscriptionMapper.apply(request, subscription);
        subscription.enabled = true;
        if (Boolean.FALSE.equals(request.enabled())) {
            disableOnRequest(subscription, requester, now);
        }
        subscription.persist();
        return new Created(subscription, false);
    }

    /** The subscription, if {@code requester} may see it; 404 otherwise. */
    public Subscription get(UUID id, Requester requester) {
        Subscription subscription = Subscription.findById(id);
        return visible(subscription, id, requester);
    }

    @Transactional
    public Subscription replace(UUID id, @NotNull @Valid SubscriptionRequest request, String ifMatch, Requester requester) {
        Subscription subscription = lock(id, requester);
        ETags.requireMatch(ifMatch, subscription.version);
        rules.check(request);
        Instant now = now();
        String url = subscription.url;
        boolean wasEnabled = subscription.enabled;
        SubscriptionRequest before = SubscriptionMapper.toRequest(subscription);
        SubscriptionMapper.apply(request, subscription);
        boolean enable = request.enabled() == null ? wasEnabled : request.enabled();
        boolean changed = !Objects.equals(before, SubscriptionMapper.toRequest(subscription)) || enable != wasEnabled;
        if (!changed) {
            return subscription;
        }
        if (enable && (!wasEnabled || !url.equals(subscription.url))) {
            // enabled again, or a new receiver: a fresh start for what waits, and a clean failure record
            subscription.enabled = true;
            subscription.disabledReason = null;
            subscription.disabledAt = null;
            subscription.failingSince = null;
            em.createNativeQuery("UPDATE delivery SET window_start = ?1, next_attempt_at = CASE WHEN "
                    + "next_attempt_at IS NULL THEN NULL ELSE CAST(?1 AS timestamptz) END WHERE subscription_id = ?2 AND status = 'PENDING'")
                    .setParameter(1, now).setParameter(2, id).executeUpdate();
        } else if (!enable && wasEnabled) {
            disableOnRequest(subscription, requester, now);
        }
        subscription.updatedAt = now;
        subscription.version++;
        return subscription;
    }

    @Transactional
    public void delete(UUID id, String ifMatch, Requester requester) {
        Subscription subscription = lock(id, requester);
        if (ifMatch != null) {
            ETags.requireMatch(ifMatch, subscription.version);
        }
        subscription.delete(); // its deliveries and Idempotency-Keys go with it (ON DELETE CASCADE)
    }

    /**
     * A new secret, shown in this answer only. The replaced one keeps signing (a second signature) for
     * {@code secret-rotation-overlap}, so receivers can switch without losing a delivery.
     */
    @Transactional
    public Subscription rotateSecret(UUID id, String ifMatch, Requester requester) {
        Subscription subscription = lock(id, requester);
        if (ifMatch != null) {
            ETags.requireMatch(ifMatch, subscription.version);
        }
        Instant now = now();
        subscription.previousSecret = subscription.secret;
        subscription.previousSecretUntil = now.plus(config.secretRotationOverlap());
        subscription.secret = Signatures.newSecret();
        subscription.updatedAt = now;
        subscription.version++;
        return subscription;
    }

    /** Subscriptions in creation order, a page at a time: the requester's own, or (admin) all or one owner's. */
    public Page list(Requester requester, String owner, Integer limit, String cursor) {
        int size = limit == null ? config.paging().defaultLimit() : limit;
        if (size < 1 || size > config.paging().maxLimit()) {
            throw ProblemException.badField("limit", "must be between 1 and " + config.paging().maxLimit());
        }
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        String ownerFilter = requester.admin() ? owner : requester.client();
        if (ownerFilter != null && !ownerFilter.isBlank()) {
            query.append(" and owner = :owner");
            parameters.and("owner", ownerFilter.trim());
        }
        if (cursor != null) {
            List<String> after = Cursor.decode(cursor, 2);
            try {
                parameters.and("createdAt", Instant.parse(after.get(0))).and("id", UUID.fromString(after.get(1)));
            } catch (RuntimeException e) {
                throw ProblemException.badField("cursor", "not a cursor returned by this endpoint");
            }
            query.append(" and (createdAt > :createdAt or (createdAt = :createdAt and id > :id))");
        }
        List<Subscription> found = new ArrayList<>(Subscription.<Subscription>find(query.toString(),
                Sort.by("createdAt").and("id"), parameters).page(0, size + 1).list());
        String next = null;
        if (found.size() > size) {
            found = found.subList(0, size);
            Subscription last = found.get(size - 1);
            next = Cursor.encode(last.createdAt.toString(), last.id.toString());
        }
        return new Page(found.stream().map(SubscriptionMapper::toView).toList(), next);
    }

    private Subscription lock(UUID id, Requester requester) {
        return visible(Subscription.findById(id, LockModeType.PESSIMISTIC_WRITE), id, requester);
    }

    private static Subscription visible(Subscription subscription, UUID id, Requester requester) {
        if (subscription == null || !requester.mayManage(subscription.owner)) {
            throw ProblemException.notFound("subscription " + id);
        }
        return subscription;
    }

    private static void disableOnRequest(Subscription subscription, Requester requester, Instant now) {
        subscription.enabled = false;
        subscription.disabledReason = "disabled by " + requester.client();
        subscription.disabledAt = now;
    }

    /**
     * Claims an Idempotency-Key first thing in the creating transaction (a concurrent retry waits on its key until
     * this commits): empty when the claim is ours, else the subscription an identical request made; 422 when the
     * key was used with another body.
     */
    private Optional<UUID> claimKey(String owner, String key, String fingerprint, UUID newId, Instant now) {
        int inserted = em.createNativeQuery("INSERT INTO idempotency_key (scope, key, fingerprint, resource_id, "
                + "created_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING").setParameter(1, owner)
                .setParameter(2, key).setParameter(3, fingerprint).setParameter(4, newId)
                .setParameter(5, now).executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT fingerprint, resource_id FROM idempotency_key "
                + "WHERE scope = ?1 AND key = ?2").setParameter(1, owner).setParameter(2, key).getResultList();
        if (!fingerprint.equals(rows.get(0)[0])) {
            throw Fingerprint.reusedKey();
        }
        return Optional.of((UUID) rows.get(0)[1]);
    }

    /** Times as PostgreSQL keeps them (microseconds), so a value read back equals the one written. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
