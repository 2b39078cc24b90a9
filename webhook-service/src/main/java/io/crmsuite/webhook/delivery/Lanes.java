package io.crmsuite.webhook.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import io.crmsuite.webhook.store.Sql;

/**
 * A lane is one subscription and one aggregate (the event's subject): its deliveries go out in the order of the
 * events, one at a time. Only the lane's first PENDING delivery is scheduled ({@code next_attempt_at} set); the
 * ones behind it wait with none, and are scheduled when the one ahead is delivered or given up. Whatever changes a
 * lane's head (intake adding a delivery, an outcome recorded, a manual retry) holds the lane's transaction-scoped
 * advisory lock first, so that the check "is anything ahead of me?" and the write it decides are never split by a
 * concurrent change, on any replica.
 */
public final class Lanes {

    private Lanes() {
    }

    /** The lane's name: what its lock is taken on, and the order intake takes the locks of several lanes in. */
    public static String key(UUID subscriptionId, String subject) {
        return subscriptionId + "|" + subject;
    }

    /** Holds the lane's lock until the transaction ends. */
    public static void lock(Connection connection, UUID subscriptionId, String subject) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, key(subscriptionId, subject));
            lock.execute();
        }
    }

    /**
     * Schedules the lane's first PENDING delivery at {@code now} when nothing of the lane is scheduled: the one
     * ahead is done. Under the lane's lock.
     */
    public static void scheduleHead(Connection connection, UUID subscriptionId, String subject, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE delivery SET next_attempt_at = ? "
                + "WHERE id = (SELECT id FROM delivery WHERE subscription_id = ? AND subject = ? AND status = 'PENDING' "
                + "ORDER BY seq LIMIT 1) AND next_attempt_at IS NULL AND NOT EXISTS (SELECT 1 FROM delivery "
                + "WHERE subscription_id = ? AND subject = ? AND status = 'PENDING' AND next_attempt_at IS NOT NULL)")) {
            Sql.bind(update, now, subscriptionId, subject, subscriptionId, subject).executeUpdate();
        }
    }
}
