package io.crmsuite.webhook.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.crmsuite.webhook.outbound.AttemptResult;
import io.crmsuite.webhook.store.Sql;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Prometheus metrics of the deliveries: attempts by outcome ({@code crm_webhooks_attempts_total{outcome}}, the
 * failures among them), deliveries finished by outcome ({@code crm_webhooks_deliveries_total{outcome}}: delivered
 * or failed), and from the store, every few seconds, what waits ({@code crm_webhooks_deliveries_pending}) and per
 * subscription how long its oldest waiting delivery has waited ({@code crm_webhooks_delivery_lag_seconds}; 0 when
 * none waits). Counters are per replica; the gauges read the shared store, so every replica reports the same.
 */
@ApplicationScoped
public class DeliveryMetrics {

    private static final Logger LOG = Logger.getLogger(DeliveryMetrics.class);
    private static final String LAG = """
            SELECT s.id, min(d.created_at) AS oldest FROM subscription s
            LEFT JOIN delivery d ON d.subscription_id = s.id AND d.status = 'PENDING'
            GROUP BY s.id
            """;

    private final MeterRegistry registry;
    private final DataSource dataSource;
    private final Clock clock;
    private final AtomicLong pending = new AtomicLong();
    private final MultiGauge lag;

    DeliveryMetrics(MeterRegistry registry, DataSource dataSource, Clock clock) {
        this.registry = registry;
        this.dataSource = dataSource;
        this.clock = clock;
        Gauge.builder("crm.webhooks.deliveries.pending", pending, AtomicLong::get)
                .description("Deliveries waiting to be delivered (all subscriptions)").register(registry);
        this.lag = MultiGauge.builder("crm.webhooks.delivery.lag").baseUnit("seconds")
                .description("Age of the subscription's oldest waiting delivery").register(registry);
    }

    public void attempted(AttemptResult.Outcome outcome) {
        Counter.builder("crm.webhooks.attempts").description("Delivery attempts by outcome")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    /** A delivery is done: {@code delivered} or {@code failed} (given up after the retry window). */
    public void finished(String outcome) {
        Counter.builder("crm.webhooks.deliveries").description("Deliveries finished by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    @Scheduled(every = "${crm.webhooks.delivery.metrics-refresh:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        Instant now = clock.instant();
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        long waiting = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(LAG);
                ResultSet result = select.executeQuery();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM delivery WHERE status = 'PENDING'");
                ResultSet counted = count.executeQuery()) {
            while (result.next()) {
                Instant oldest = Sql.instant(result, "oldest");
                double seconds = oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0);
                rows.add(MultiGauge.Row.of(Tags.of("subscription", Sql.uuid(result, "id").toString()), seconds));
            }
            counted.next();
            waiting = counted.getLong(1);
        } catch (Exception e) {
            LOG.debugf("the delivery gauges keep their last values: %s", e.getMessage());
            return;
        }
        pending.set(waiting);
        lag.register(rows, true); // subscriptions deleted since drop out
    }
}
