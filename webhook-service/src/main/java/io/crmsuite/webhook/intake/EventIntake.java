package io.crmsuite.webhook.intake;

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

import io.crmsuite.webhook.delivery.Lanes;
import io.crmsuite.webhook.store.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns one event into its deliveries, in one transaction: the event once ({@code webhook_event}, by its id) and a
 * delivery per matching subscription, each added to its lane (the first of a lane is due at once, the others wait
 * behind it). A delivery is unique per subscription and event id, so an event redelivered by Kafka (the offset is
 * committed after this transaction) or published twice by a relay adds nothing.
 */
@ApplicationScoped
public class EventIntake {

    private static final String ENABLED = """
            SELECT id, event_types, filter_sources, filter_categories, filter_severities, created_at
            FROM subscription WHERE enabled ORDER BY id
            """;
    private static final String EVENT = """
            INSERT INTO webhook_event (id, type, subject, payload, received_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING
            """;
    private static final String DELIVERY = """
            INSERT INTO delivery (id, subscription_id, event_id, event_type, subject, status, next_attempt_at,
              window_start, created_at)
            SELECT ?, ?, ?, ?, ?, 'PENDING',
              CASE WHEN EXISTS (SELECT 1 FROM delivery WHERE subscription_id = ? AND subject = ? AND status = 'PENDING')
                THEN NULL ELSE ?::timestamptz END,
              ?, ?
            ON CONFLICT ON CONSTRAINT delivery_once DO NOTHING
            """;

    private final DataSource dataSource;
    private final Clock clock;

    EventIntake(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Stores the deliveries of {@code event}; returns how many were new. */
    public int take(IncomingEvent event) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return take(connection, event);
            }
        });
    }

    private int take(Connection connection, IncomingEvent event) throws SQLException {
        List<SubscriptionMatch> matching = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(ENABLED); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                SubscriptionMatch subscription = new SubscriptionMatch(Sql.uuid(rows, "id"),
                        Sql.strings(rows, "event_types"), Sql.strings(rows, "filter_sources"),
                        Sql.strings(rows, "filter_categories"), Sql.strings(rows, "filter_severities"),
                        Sql.instant(rows, "created_at"));
                if (subscription.accepts(event)) {
                    matching.add(subscription);
                }
            }
        }
        if (matching.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        try (PreparedStatement insert = Sql.bind(connection.prepareStatement(EVENT), event.id(), event.type(),
                event.subject(), event.payload(), now)) {
            insert.executeUpdate();
        }
        int created = 0;
        // lanes locked in subscription id order (the query's), the order every transaction takes them in
        for (SubscriptionMatch subscription : matching) {
            Lanes.lock(connection, subscription.id(), event.subject());
            try (PreparedStatement insert = Sql.bind(connection.prepareStatement(DELIVERY), UUID.randomUUID(),
                    subscription.id(), event.id(), event.type(), event.subject(), subscription.id(), event.subject(),
                    now, now, now)) {
                created += insert.executeUpdate();
            }
        }
        return created;
    }
}
