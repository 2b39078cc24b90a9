package io.crmsuite.webhook.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;

import javax.sql.DataSource;

import io.crmsuite.webhook.config.WebhookConfig;
import io.crmsuite.webhook.store.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Delivered and failed deliveries are kept for {@code retention} (for the owner to look at, and so that an event
 * Kafka redelivers within that time adds nothing), then removed with the events no delivery refers to any more.
 * Every replica runs it: deleting what is already gone is harmless.
 */
@ApplicationScoped
public class DeliveryPurge {

    private final DataSource dataSource;
    private final Clock clock;
    private final WebhookConfig config;

    DeliveryPurge(DataSource dataSource, Clock clock, WebhookConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Instant horizon = clock.instant().minus(config.delivery().retention());
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement deliveries = Sql.bind(connection.prepareStatement(
                            "DELETE FROM delivery WHERE status <> 'PENDING' AND created_at < ?"), horizon);
                    PreparedStatement events = Sql.bind(connection.prepareStatement("DELETE FROM webhook_event e "
                            + "WHERE received_at < ? AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.event_id = e.id)"),
                            horizon)) {
                deliveries.executeUpdate();
                events.executeUpdate();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("purging old deliveries failed", e);
            }
        });
    }
}
