package io.crmsuite.customer.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.crmsuite.customer.config.CustomerConfig;
import io.crmsuite.customer.outbox.CustomerEvents;
import io.crmsuite.customer.profile.Customer;
import io.crmsuite.customer.profile.CustomerService;
import io.crmsuite.events.CustomerEventData;
import io.crmsuite.events.EventTypes;
import io.crmsuite.platform.http.ETags;
import io.crmsuite.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** Moves customers through the lifecycle and records each move (history table and event). */
@ApplicationScoped
public class LifecycleService {

    private static final Logger LOG = Logger.getLogger(LifecycleService.class);

    private final EntityManager em;
    private final Clock clock;
    private final CustomerEvents events;
    private final CustomerConfig config;
    private final LifecycleRules rules;

    LifecycleService(EntityManager em, Clock clock, CustomerEvents events, CustomerConfig config) {
        this.em = em;
        this.clock = clock;
        this.events = events;
        this.config = config;
        this.rules = new LifecycleRules(config.lifecycle());
    }

    /**
     * Re-evaluates a customer after a purchase. A stage never moves down but to CHURNED (a LOYAL customer who buys
     * less stays LOYAL); a churned customer who buys again is reactivated, unless the purchase is dated before the
     * churn horizon (a backdated sale from when they were still a customer does not bring them back).
     */
    public void afterPurchase(Customer customer, Instant occurredAt, Instant now) {
        if (customer.lifecycleStage == LifecycleStage.CHURNED) {
            if (occurredAt.isBefore(now.minus(config.lifecycle().churnAfter()))) {
                return;
            }
            move(customer, stageOf(customer, now), "REACTIVATED", null, null, true, now);
            return;
        }
        move(customer, LifecycleRules.higher(customer.lifecycleStage, stageOf(customer, now)), null, null, null, false,
                now);
    }

    /** A new customer named {@code referrerId} as referrer: referrals can make the referrer LOYAL. */
    public void referralMade(UUID referrerId, Instant now) {
        Customer referrer = CustomerService.lockLive(referrerId);
        if (referrer.lifecycleStage == LifecycleStage.CHURNED || referrer.lifecycleStage == LifecycleStage.PROSPECT) {
            return;
        }
        move(referrer, LifecycleRules.higher(referrer.lifecycleStage, stageOf(referrer, now)), null, null, null, false,
                now);
    }

    @Transactional
    public Customer churn(UUID id, @NotNull @Valid ChurnRequest request, String ifMatch) {
        if (!ChurnReason.GIVEN_BY_CLIENTS.contains(request.reason())) {
            // INACTIVE claims a year without purchase, which only the scan checks; a client saying so could be wrong
            throw ProblemException.badField("reason", "'" + request.reason() + "' is set only by the inactivity scan; "
                    + "give one of " + ChurnReason.GIVEN_BY_CLIENTS);
        }
        Customer customer = CustomerService.lockLive(id);
        if (ifMatch != null) {
            ETags.requireMatch(ifMatch, customer.version);
        }
        if (customer.lifecycleStage == LifecycleStage.CHURNED) {
            throw ProblemException.conflict("customer " + id + " is already churned (" + customer.churnReason + ")",
                    List.of());
        }
        move(customer, LifecycleStage.CHURNED, request.reason().name(), request.competitor(), request.note(), false,
                clock.instant());
        return customer;
    }

    /** Marks customers without a purchase for {@code crm.customers.lifecycle.churn-after} as CHURNED (INACTIVE). */
    @Scheduled(every = "${crm.customers.lifecycle.churn-scan-every:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledChurnScan() {
        int churned = QuarkusTransaction.requiringNew().call(this::churnInactive);
        if (churned > 0) {
            LOG.infof("inactivity scan: %d customers churned", churned);
        }
    }

    /** One statement finds and moves every inactive customer; returns how many moved. */
    @Transactional
    public int churnInactive() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(config.lifecycle().churnAfter());
        @SuppressWarnings("unchecked")
        List<Object[]> moved = em.createNativeQuery("""
                UPDATE customer c SET lifecycle_stage = 'CHURNED', churn_reason = 'INACTIVE',
                       version = c.version + 1, updated_at = ?1
                FROM customer old
                WHERE old.id = c.id AND c.erased_at IS NULL AND c.last_purchase_at < ?2
                  AND c.lifecycle_stage NOT IN ('CHURNED', 'PROSPECT')
                RETURNING c.id, c.version, old.lifecycle_stage""").setParameter(1, now).setParameter(2, cutoff)
                .getResultList();
        for (Object[] row : moved) {
            UUID id = (UUID) row[0];
            LifecycleStage from = LifecycleStage.valueOf((String) row[2]);
            history(id, from, LifecycleStage.CHURNED, ChurnReason.INACTIVE.name(), null, null, now);
            events.store(id, ((Number) row[1]).longValue(), EventTypes.CUSTOMER_LIFECYCLE_CHANGED, now,
                    new CustomerEventData.LifecycleChanged(id, from.name(), LifecycleStage.CHURNED.name(),
                            ChurnReason.INACTIVE.name(), null, false, now, null));
        }
        return moved.size();
    }

    private LifecycleStage stageOf(Customer customer, Instant now) {
        Instant windowStart = now.minus(config.lifecycle().window());
        Object[] counts = (Object[]) em.createNativeQuery("""
                SELECT (SELECT count(*) FROM purchase WHERE customer_id = ?1 AND occurred_at >= ?2),
                       (SELECT count(*) FROM customer WHERE referred_by = ?1)""")
                .setParameter(1, customer.id).setParameter(2, windowStart).getSingleResult();
        return rules.stageFor(customer.purchaseCount, ((Number) counts[0]).longValue(), ((Number) counts[1]).longValue());
    }

    private void move(Customer customer, LifecycleStage to, String reason, String competitor, String note,
            boolean reactivated, Instant now) {
        LifecycleStage from = customer.lifecycleStage;
        if (from == to) {
            return;
        }
        customer.lifecycleStage = to;
        customer.churnReason = to == LifecycleStage.CHURNED ? reason : null;
        customer.updatedAt = now;
        history(customer.id, from, to, reason, competitor, note, now);
        events.record(customer, EventTypes.CUSTOMER_LIFECYCLE_CHANGED, now, new CustomerEventData.LifecycleChanged(
                customer.id, from.name(), to.name(), reason, note, reactivated, now, competitor));
    }

    private void history(UUID id, LifecycleStage from, LifecycleStage to, String reason, String competitor, String note,
            Instant now) {
        em.createNativeQuery("INSERT INTO lifecycle_history (customer_id, from_stage, to_stage, reason, competitor, "
                + "note, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)").setParameter(1, id)
                .setParameter(2, from.name()).setParameter(3, to.name()).setParameter(4, reason)
                .setParameter(5, competitor).setParameter(6, note).setParameter(7, now).executeUpdate();
    }
}
