package io.crmsuite.webhook.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import io.crmsuite.webhook.delivery.Lanes;
import io.crmsuite.webhook.store.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns the events of a poll into their deliveries, in one transaction: each event once ({@code webhook_event}, by
 * its id) and a delivery per matching subscription, each added to its lane in the order of the events (the first of
 * a lane is due at once, the others wait behind it). A delivery is unique per subscription and event id, so an event
 * redelivered by Kafka (the offsets are committed after this transaction) or published twice by a relay adds
 * nothing, in the same poll or a later one.
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

    /** Stores the deliveries of {@code events}, in their order; returns how many were new. */
    public int take(List<IncomingEvent> events) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return take(connection, events);
            }
        });
    }

    /** One event's delivery to one subscription. */
    private record Match(IncomingEvent event, SubscriptionMatch subscription) {
        String lane() {
            return Lanes.key(subscription.id(), event.subject());
        }
    }

    private int take(Connection connection, List<IncomingEvent> events) throws SQLException {
        List<SubscriptionMatch> enabled = enabled(connection);
        List<Match> matches = new ArrayList<>();
        for (IncomingEvent event : events) {
            for (SubscriptionMatch subscription : enabled) {
                if (subscription.accepts(event)) {
                    matches.add(new Match(event, subscription));
                }
            }
        }
        if (matches.isEmpty()) {
            return 0;
        }
        // each lane locked once, all before the first insert, in the one order every intake transaction takes them
        // in (another replica may take in the same partition's poll during a rebalance): no deadlock between them
        Map<String, Match> lanes = new TreeMap<>();
        matches.forEach(match -> lanes.putIfAbsent(match.lane(), match));
        for (Match lane : lanes.values()) {
            Lanes.lock(connection, lane.subscription().id(), lane.event().subject());
        }
        Instant now = clock.instant();
        try (PreparedStatement insert = connection.prepareStatement(EVENT)) {
            Set<String> stored = new HashSet<>();
            for (Match match : matches) {
                IncomingEvent event = match.event();
                if (stored.add(event.id())) {
                    Sql.bind(insert, event.id(), event.type(), event.subject(), event.payload(), now).addBatch();
                }
            }
            insert.executeBatch();
        }
        int created = 0;
        // in the events' order: a delivery sees those added ahead of it in its lane, by this batch too
        try (PreparedStatement insert = connection.prepareStatement(DELIVERY)) {
            for (Match match : matches) {
                UUID subscription = match.subscription().id();
                IncomingEvent event = match.event();
                Sql.bind(insert, UUID.randomUUID(), subscription, event.id(), event.type(), event.subject(),
                        subscription, event.subject(), now, now, now).addBatch();
            }
            for (int count : insert.executeBatch()) {
                created += Math.max(count, 0);
            }
        }
        return created;
    }

    private static List<SubscriptionMatch> enabled(Connection connection) throws SQLException {
        List<SubscriptionMatch> enabled = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(ENABLED); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                enabled.add(new SubscriptionMatch(Sql.uuid(rows, "id"), Sql.strings(rows, "event_types"),
                        Sql.strings(rows, "filter_sources"), Sql.strings(rows, "filter_categories"),
                        Sql.strings(rows, "filter_severities"), Sql.instant(rows, "created_at")));
            }
        }
        return enabled;
    }
}
