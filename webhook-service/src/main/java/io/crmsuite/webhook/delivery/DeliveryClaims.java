package io.crmsuite.webhook.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.crmsuite.webhook.store.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Takes due deliveries for an attempt, safely among replicas: the rows are locked with {@code FOR UPDATE SKIP
 * LOCKED} (two replicas claiming at once take different rows, neither waits) and leased until a time of the
 * database's clock (replicas' clocks may disagree). A lease outlives the attempt's deadline, so a delivery is never
 * attempted twice at once; a replica that dies mid-attempt leaves a lease that runs out, and the delivery is taken
 * again (at least once). Per subscription, no more than {@code perSubscription} deliveries are leased at once.
 */
@ApplicationScoped
public class DeliveryClaims {

    /**
     * The due deliveries, fairly over subscriptions (each one's earliest first), skipping subscriptions that have
     * their share leased already. The state conditions stand in the outer query too: when a row found here was
     * leased by a transaction that committed meanwhile, PostgreSQL re-checks them on the row's new version before
     * locking it (the CTEs alone would still see the old one).
     */
    private static final String DUE = """
            WITH due AS (
              SELECT d.id, row_number() OVER (PARTITION BY d.subscription_id ORDER BY d.next_attempt_at, d.seq) AS rank
              FROM delivery d JOIN subscription s ON s.id = d.subscription_id
              WHERE d.status = 'PENDING' AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until < now())
                AND s.enabled
            ), busy AS (
              SELECT subscription_id, count(*) AS leased FROM delivery
              WHERE status = 'PENDING' AND lease_until >= now() GROUP BY subscription_id
            )
            SELECT d.id FROM delivery d JOIN due ON due.id = d.id LEFT JOIN busy ON busy.subscription_id = d.subscription_id
            WHERE due.rank <= ? - coalesce(busy.leased, 0)
              AND d.status = 'PENDING' AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until < now())
            ORDER BY d.next_attempt_at, d.seq LIMIT ?
            FOR UPDATE OF d SKIP LOCKED
            """;

    private static final String LEASE = """
            UPDATE delivery SET lease_until = now() + make_interval(secs => ?), lease_token = ?,
              attempts = attempts + 1, last_attempt_at = ?
            WHERE id = ANY(?) AND status = 'PENDING' AND (lease_until IS NULL OR lease_until < now())
            RETURNING id
            """;

    private static final String DETAILS = """
            SELECT d.id, d.subscription_id, d.event_id, d.event_type, d.subject, d.attempts, d.window_start, e.payload,
              s.url, s.secret, s.previous_secret, s.previous_secret_until
            FROM delivery d JOIN webhook_event e ON e.id = d.event_id JOIN subscription s ON s.id = d.subscription_id
            WHERE d.id = ANY(?) ORDER BY d.next_attempt_at, d.seq
            """;

    private final DataSource dataSource;
    private final Clock clock;

    DeliveryClaims(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Leases up to {@code limit} due deliveries for {@code lease}; they are this caller's until then. */
    public List<ClaimedDelivery> claim(int limit, int perSubscription, Duration lease) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return claim(connection, limit, perSubscription, lease);
            }
        });
    }

    private List<ClaimedDelivery> claim(Connection connection, int limit, int perSubscription, Duration lease)
            throws SQLException {
        Instant now = clock.instant();
        List<UUID> due = new ArrayList<>();
        try (PreparedStatement select = Sql.bind(connection.prepareStatement(DUE), now, perSubscription, now, limit);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                due.add(Sql.uuid(rows, "id"));
            }
        }
        if (due.isEmpty()) {
            return List.of();
        }
        UUID token = UUID.randomUUID();
        List<UUID> leased = new ArrayList<>();
        try (PreparedStatement update = Sql.bind(connection.prepareStatement(LEASE), lease.toMillis() / 1000.0, token, now,
                Sql.uuids(connection, due)); ResultSet rows = update.executeQuery()) {
            while (rows.next()) {
                leased.add(Sql.uuid(rows, "id"));
            }
        }
        long claimedAt = System.nanoTime();
        List<ClaimedDelivery> claimed = new ArrayList<>();
        try (PreparedStatement select = Sql.bind(connection.prepareStatement(DETAILS), Sql.uuids(connection, leased));
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                claimed.add(new ClaimedDelivery(Sql.uuid(rows, "id"), Sql.uuid(rows, "subscription_id"),
                        rows.getString("event_id"), rows.getString("event_type"), rows.getString("subject"),
                        rows.getInt("attempts"), Sql.instant(rows, "window_start"), rows.getString("payload"),
                        rows.getString("url"), secrets(rows, now), token, claimedAt));
            }
        }
        return claimed;
    }

    /** The current secret, and the one it replaced while that one is still honoured. */
    private static List<String> secrets(ResultSet row, Instant now) throws SQLException {
        String previous = row.getString("previous_secret");
        Instant until = Sql.instant(row, "previous_secret_until");
        return previous != null && until != null && until.isAfter(now) ? List.of(row.getString("secret"), previous)
                : List.of(row.getString("secret"));
    }
}
