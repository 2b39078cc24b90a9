package io.crmsuite.webhook.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.crmsuite.webhook.config.WebhookConfig;
import io.crmsuite.webhook.metrics.DeliveryMetrics;
import io.crmsuite.webhook.outbound.AttemptResult;
import io.crmsuite.webhook.store.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records what an attempt came to, as the holder of its lease (a replica whose lease ran out records nothing: the
 * delivery is someone else's now). Delivered: done, the lane's next delivery is scheduled, and the subscription's
 * failing streak ends (its deliveries waiting out a backoff are due at once: the receiver is back). Failed: the
 * next attempt by the {@link RetrySchedule}, or FAILED once the retry window is over (the lane moves on); the
 * subscription is disabled, with the reason, when its receiver answers 410 Gone or has not taken a delivery for
 * {@code disable-after}. Locks are taken in one order everywhere (the lane, then the subscription's row, then the
 * delivery's) so that concurrent writers queue instead of deadlocking.
 */
@ApplicationScoped
public class DeliveryRecorder {

    private static final Logger LOG = Logger.getLogger(DeliveryRecorder.class);

    /** What recording came to. */
    public enum Recorded {
        DELIVERED, RETRY_SCHEDULED, FAILED, LEASE_LOST
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final DeliveryMetrics metrics;
    private final RetrySchedule schedule;
    private final Duration disableAfter;
    /** A store outage is waited out for a while; after that the lease runs out and the attempt is made again. */
    private final Guard guard = Guard.create().withRetry().maxRetries(-1).maxDuration(2, ChronoUnit.MINUTES)
            .delay(100, ChronoUnit.MILLIS).jitter(50, ChronoUnit.MILLIS)
            .withExponentialBackoff().factor(2).maxDelay(5, ChronoUnit.SECONDS).done().done().build();

    DeliveryRecorder(DataSource dataSource, Clock clock, DeliveryMetrics metrics, WebhookConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.metrics = metrics;
        this.schedule = RetrySchedule.of(config.retry(), () -> ThreadLocalRandom.current().nextDouble());
        this.disableAfter = config.retry().disableAfter();
    }

    public Recorded record(ClaimedDelivery claimed, AttemptResult result) {
        metrics.attempted(result.outcome());
        try {
            Recorded recorded = guard.call(() -> QuarkusTransaction.requiringNew().call(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    return write(connection, claimed, result, clock.instant());
                }
            }), Recorded.class);
            if (recorded == Recorded.DELIVERED) {
                metrics.finished("delivered");
            } else if (recorded == Recorded.FAILED) {
                metrics.finished("failed");
            }
            return recorded;
        } catch (Exception e) {
            LOG.warnf("could not record the attempt of delivery %s (%s): it is attempted again once its lease runs out",
                    claimed.id(), e.getMessage());
            return Recorded.LEASE_LOST;
        }
    }

    private Recorded write(Connection connection, ClaimedDelivery claimed, AttemptResult result, Instant now)
            throws SQLException {
        Lanes.lock(connection, claimed.subscriptionId(), claimed.subject());
        SubscriptionState subscription = lockSubscription(connection, claimed.subscriptionId());
        if (subscription == null) {
            return Recorded.LEASE_LOST; // deleted meanwhile, with its deliveries
        }
        if (result.delivered()) {
            if (finish(connection, claimed, result, "DELIVERED", null, now) == 0) {
                return Recorded.LEASE_LOST;
            }
            Lanes.scheduleHead(connection, claimed.subscriptionId(), claimed.subject(), now);
            succeeded(connection, claimed.subscriptionId(), subscription, now);
            return Recorded.DELIVERED;
        }
        Optional<Instant> next = schedule.next(claimed.attempts(), claimed.windowStart(), now, result.retryAfter());
        Recorded recorded;
        if (next.isPresent()) {
            if (finish(connection, claimed, result, "PENDING", next.get(), now) == 0) {
                return Recorded.LEASE_LOST;
            }
            recorded = Recorded.RETRY_SCHEDULED;
        } else {
            if (finish(connection, claimed, result, "FAILED", null, now) == 0) {
                return Recorded.LEASE_LOST;
            }
            Lanes.scheduleHead(connection, claimed.subscriptionId(), claimed.subject(), now);
            recorded = Recorded.FAILED;
        }
        failed(connection, claimed.subscriptionId(), subscription, result, now);
        return recorded;
    }

    /** Writes the attempt's outcome, if this claim still holds the lease; returns the rows written (0 or 1). */
    private static int finish(Connection connection, ClaimedDelivery claimed, AttemptResult result, String status,
            Instant next, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE delivery SET status = ?, next_attempt_at = ?, "
                + "lease_until = NULL, lease_token = NULL, last_status_code = ?, last_error = ?, last_response = ?, "
                + "delivered_at = CASE WHEN ? = 'DELIVERED' THEN ? END, failed_at = CASE WHEN ? = 'FAILED' THEN ? END "
                + "WHERE id = ? AND lease_token = ? AND status = 'PENDING'")) {
            return Sql.bind(update, status, next, result.statusCode(), result.delivered() ? null : result.describe(),
                    result.response(), status, now, status, now, claimed.id(), claimed.leaseToken()).executeUpdate();
        }
    }

    private void succeeded(Connection connection, UUID subscriptionId, SubscriptionState before, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE subscription SET "
                + "last_success_at = GREATEST(coalesce(last_success_at, ?), ?), failing_since = NULL WHERE id = ?")) {
            Sql.bind(update, now, now, subscriptionId).executeUpdate();
        }
        if (before.failingSince() != null) {
            // the receiver is back: what waits out a backoff goes now rather than at its scattered retry times
            try (PreparedStatement update = connection.prepareStatement("UPDATE delivery SET next_attempt_at = ? "
                    + "WHERE subscription_id = ? AND status = 'PENDING' AND next_attempt_at > ?")) {
                Sql.bind(update, now, subscriptionId, now).executeUpdate();
            }
        }
    }

    private void failed(Connection connection, UUID subscriptionId, SubscriptionState before, AttemptResult result,
            Instant now) throws SQLException {
        Instant failingSince = before.failingSince() == null ? now : before.failingSince();
        if (before.failingSince() == null) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE subscription SET failing_since = ? WHERE id = ?")) {
                Sql.bind(update, now, subscriptionId).executeUpdate();
            }
        }
        String reason = null;
        if (result.outcome() == AttemptResult.Outcome.GONE) {
            reason = "the receiver answered 410 Gone at " + now + ": it asks for no more webhooks";
        } else if (!now.isBefore(failingSince.plus(disableAfter))) {
            reason = "no delivery succeeded since " + failingSince + " (" + disableAfter + " or more); the last attempt, at "
                    + now + ": " + result.describe();
        }
        if (reason != null && before.enabled()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE subscription SET enabled = false, "
                    + "disabled_reason = ?, disabled_at = ?, updated_at = ?, version = version + 1 WHERE id = ?")) {
                Sql.bind(update, reason, now, now, subscriptionId).executeUpdate();
            }
            LOG.infof("subscription %s disabled: %s", subscriptionId, reason);
        }
    }

    private record SubscriptionState(boolean enabled, Instant failingSince) {
    }

    /** The subscription's row, locked against other writers but not against new deliveries (their key check). */
    private static SubscriptionState lockSubscription(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement select = Sql.bind(connection.prepareStatement(
                "SELECT enabled, failing_since FROM subscription WHERE id = ? FOR NO KEY UPDATE"), id);
                ResultSet row = select.executeQuery()) {
            return row.next() ? new SubscriptionState(row.getBoolean("enabled"), Sql.instant(row, "failing_since")) : null;
        }
    }
}
