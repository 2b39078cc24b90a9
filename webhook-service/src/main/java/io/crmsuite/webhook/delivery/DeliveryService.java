package io.crmsuite.webhook.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.crmsuite.platform.http.Cursor;
import io.crmsuite.platform.problem.ProblemException;
import io.crmsuite.webhook.config.WebhookConfig;
import io.crmsuite.webhook.store.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/** The deliveries of one subscription: read, newest first, and tried again on request. */
@ApplicationScoped
public class DeliveryService {

    private static final String COLUMNS = "id, seq, event_id, event_type, subject, status, attempts, last_status_code, "
            + "last_error, last_response, last_attempt_at, next_attempt_at, delivered_at, failed_at, created_at";

    public record Page(List<DeliveryView> items, String nextCursor) {
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final WebhookConfig config;

    DeliveryService(DataSource dataSource, Clock clock, WebhookConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
    }

    public Page list(UUID subscriptionId, DeliveryStatus status, Integer limit, String cursor) {
        int size = limit == null ? config.paging().defaultLimit() : limit;
        if (size < 1 || size > config.paging().maxLimit()) {
            throw ProblemException.badField("limit", "must be between 1 and " + config.paging().maxLimit());
        }
        long before = Long.MAX_VALUE;
        if (cursor != null) {
            try {
                before = Long.parseLong(Cursor.decode(cursor, 1).get(0));
            } catch (NumberFormatException e) {
                throw ProblemException.badField("cursor", "not a cursor returned by this endpoint");
            }
        }
        String sql = "SELECT " + COLUMNS + " FROM delivery WHERE subscription_id = ? AND seq < ?"
                + (status == null ? "" : " AND status = ?") + " ORDER BY seq DESC LIMIT ?";
        List<DeliveryView> items = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = status == null
                        ? Sql.bind(connection.prepareStatement(sql), subscriptionId, before, size + 1)
                        : Sql.bind(connection.prepareStatement(sql), subscriptionId, before, status.name(), size + 1);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                items.add(view(rows));
                seqs.add(rows.getLong("seq"));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the deliveries failed", e);
        }
        if (items.size() <= size) {
            return new Page(items, null);
        }
        return new Page(items.subList(0, size), Cursor.encode(String.valueOf(seqs.get(size - 1))));
    }

    public DeliveryView get(UUID subscriptionId, UUID deliveryId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = Sql.bind(connection.prepareStatement("SELECT " + COLUMNS
                        + " FROM delivery WHERE id = ? AND subscription_id = ?"), deliveryId, subscriptionId);
                ResultSet rows = select.executeQuery()) {
            if (!rows.next()) {
                throw ProblemException.notFound("delivery " + deliveryId + " of subscription " + subscriptionId);
            }
            return view(rows);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the delivery failed", e);
        }
    }

    /**
     * A delivered or failed delivery is sent again, at once, with a fresh retry window (receivers deduplicate by
     * webhook-id). It goes outside its subject's order: it is older than what its lane holds now. 409 while it is
     * still pending.
     */
    public DeliveryView retry(UUID subscriptionId, UUID deliveryId) {
        DeliveryView current = get(subscriptionId, deliveryId);
        int updated = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                Lanes.lock(connection, subscriptionId, current.subject());
                Instant now = clock.instant();
                try (PreparedStatement update = Sql.bind(connection.prepareStatement("UPDATE delivery SET status = "
                        + "'PENDING', next_attempt_at = ?, window_start = ?, delivered_at = NULL, failed_at = NULL, "
                        + "lease_until = NULL, lease_token = NULL WHERE id = ? AND subscription_id = ? AND status <> 'PENDING'"),
                        now, now, deliveryId, subscriptionId)) {
                    return update.executeUpdate();
                }
            }
        });
        if (updated == 0) {
            throw ProblemException.of(409, "delivery " + deliveryId + " is still pending: it is attempted on its own");
        }
        return get(subscriptionId, deliveryId);
    }

    private static DeliveryView view(ResultSet row) throws SQLException {
        int code = row.getInt("last_status_code");
        Integer lastStatusCode = row.wasNull() ? null : code;
        return new DeliveryView(Sql.uuid(row, "id"), row.getString("event_id"), row.getString("event_type"),
                row.getString("subject"), DeliveryStatus.valueOf(row.getString("status")), row.getInt("attempts"),
                lastStatusCode, row.getString("last_error"), row.getString("last_response"),
                Sql.instant(row, "last_attempt_at"), Sql.instant(row, "next_attempt_at"),
                Sql.instant(row, "delivered_at"), Sql.instant(row, "failed_at"), Sql.instant(row, "created_at"));
    }
}
