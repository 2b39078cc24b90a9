package io.crmsuite.customer.tier;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.crmsuite.customer.config.CustomerConfig;
import io.crmsuite.customer.outbox.CustomerEvents;
import io.crmsuite.events.CustomerEventData;
import io.crmsuite.events.EventTypes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The 80/20 pyramid, recomputed in the database: one statement ranks the customers with value in the trailing
 * window and moves those whose tier changed; each move is then recorded in the tier history and published as
 * {@code customer.tier-changed}.
 * <p>
 * Only customers with value in the window are ranked (DOMAIN.md: a prospect sits below the pyramid and takes no
 * place in it), and not churned, erased or INTERNAL ones. Among the n ranked, by value descending, the customer at
 * position i is PLATINUM if i &lt;= ceil(0.05 n), GOLD if i &lt;= ceil(0.20 n), IRON if i &lt;= ceil(0.50 n), else
 * LEAD (with the default shares); equal values share the better tier ({@code rank()}, not {@code row_number()}).
 * Everybody else is LEAD. Under the MARGIN basis a purchase without a margin has an unknown margin, not 0: it is
 * left out of the sum, and a customer whose purchases in the window all lack one has no known value (LEAD).
 */
@ApplicationScoped
public class TierService {

    private static final Logger LOG = Logger.getLogger(TierService.class);
    private static final long TIER_LOCK = 0x6372_6d5f_7469_6572L; // "crm_tier"

    private static final String RECOMPUTE = """
            WITH value AS (
                SELECT c.id, SUM(%1$s) AS value
                FROM customer c
                JOIN purchase p ON p.customer_id = c.id AND p.occurred_at >= ?1 AND %1$s IS NOT NULL
                WHERE c.erased_at IS NULL AND c.lifecycle_stage <> 'CHURNED' AND c.kind <> 'INTERNAL'
                GROUP BY c.id
                HAVING SUM(%1$s) > 0
            ), ranked AS (
                SELECT id, value, rank() OVER (ORDER BY value DESC) AS position, count(*) OVER () AS total
                FROM value
            ), target AS (
                SELECT c.id, COALESCE(r.value, 0) AS value, CASE
                    WHEN r.id IS NULL THEN 'LEAD'
                    WHEN r.position <= ceil(r.total * ?2) THEN 'PLATINUM'
                    WHEN r.position <= ceil(r.total * ?3) THEN 'GOLD'
                    WHEN r.position <= ceil(r.total * ?4) THEN 'IRON'
                    ELSE 'LEAD' END AS tier
                FROM customer c LEFT JOIN ranked r ON r.id = c.id
                WHERE c.erased_at IS NULL
            )
            UPDATE customer c SET tier = t.tier, version = c.version + 1, updated_at = ?5
            FROM target t, customer old
            WHERE c.id = t.id AND old.id = c.id AND c.tier <> t.tier
            RETURNING c.id, c.version, old.tier, t.tier, t.value""";

    private final EntityManager em;
    private final Clock clock;
    private final CustomerEvents events;
    private final CustomerConfig config;

    TierService(EntityManager em, Clock clock, CustomerEvents events, CustomerConfig config) {
        this.em = em;
        this.clock = clock;
        this.events = events;
        this.config = config;
    }

    /** What a recomputation did. */
    public record Result(int moved, int upgraded, int downgraded, String basis, Instant windowStart, Instant computedAt) {
    }

    @Transactional
    public Result recompute() {
        // one recomputation at a time (schedule, on-demand call, other replicas)
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, TIER_LOCK).getSingleResult();
        Instant now = clock.instant();
        CustomerConfig.Tiers settings = config.tiers();
        Instant windowStart = now.minus(settings.window());
        String valueColumn = settings.basis() == CustomerConfig.TierBasis.MARGIN ? "p.margin" : "p.amount";
        // decimal shares, so that ceil(20 x 0.05) is exactly 1 (doubles could land a hair above an integer)
        BigDecimal platinum = BigDecimal.valueOf(settings.platinumShare());
        BigDecimal gold = platinum.add(BigDecimal.valueOf(settings.goldShare()));
        BigDecimal iron = gold.add(BigDecimal.valueOf(settings.ironShare()));
        @SuppressWarnings("unchecked")
        List<Object[]> moved = em.createNativeQuery(RECOMPUTE.formatted(valueColumn)).setParameter(1, windowStart)
                .setParameter(2, platinum).setParameter(3, gold).setParameter(4, iron).setParameter(5, now)
                .getResultList();
        int upgraded = 0;
        for (Object[] row : moved) {
            UUID id = (UUID) row[0];
            long version = ((Number) row[1]).longValue();
            Tier from = Tier.valueOf((String) row[2]);
            Tier to = Tier.valueOf((String) row[3]);
            BigDecimal value = new BigDecimal(row[4].toString());
            boolean up = to.isAbove(from);
            upgraded += up ? 1 : 0;
            em.createNativeQuery("INSERT INTO tier_history (customer_id, from_tier, to_tier, basis, basis_value, changed_at)"
                    + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)").setParameter(1, id).setParameter(2, from.name())
                    .setParameter(3, to.name()).setParameter(4, settings.basis().name()).setParameter(5, value)
                    .setParameter(6, now).executeUpdate();
            events.store(id, version, EventTypes.CUSTOMER_TIER_CHANGED, now, new CustomerEventData.TierChanged(id,
                    from.name(), to.name(), up ? "UPGRADE" : "DOWNGRADE", settings.basis().name(), value, now));
        }
        return new Result(moved.size(), upgraded, moved.size() - upgraded, settings.basis().name(), windowStart, now);
    }

    @Scheduled(cron = "${crm.customers.tiers.schedule:0 0 2 * * ?}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRecompute() {
        Result result = QuarkusTransaction.requiringNew().call(this::recompute);
        LOG.infof("tier recomputation: %d moved (%d up, %d down)", result.moved(), result.upgraded(),
                result.downgraded());
    }

    public record HistoryEntry(Tier from, Tier to, String basis, BigDecimal basisValue, Instant changedAt) {
    }

    public List<HistoryEntry> history(UUID customerId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT from_tier, to_tier, basis, basis_value, changed_at "
                + "FROM tier_history WHERE customer_id = ?1 ORDER BY id").setParameter(1, customerId).getResultList();
        return rows.stream().map(r -> new HistoryEntry(Tier.valueOf((String) r[0]), Tier.valueOf((String) r[1]),
                (String) r[2], (BigDecimal) r[3], toInstant(r[4]))).toList();
    }

    static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
