package io.crmsuite.bench.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;

import io.crmsuite.events.Topics;

/**
 * When the suite has fully recovered from a fault: every service ready, both outboxes empty (every event of an
 * acknowledged write is on Kafka), and every consumer group caught up with the topics.
 */
final class Recovery implements AutoCloseable {

    private final List<String> readinessUrls;
    private final String postgresUrl;
    private final MongoClient mongo;
    private final Admin admin;

    Recovery(List<String> readinessUrls, String postgresUrl, String mongoUrl, String kafka) {
        this.readinessUrls = readinessUrls;
        this.postgresUrl = postgresUrl;
        this.mongo = MongoClients.create(mongoUrl);
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
    }

    /** Unsent events or consumer lag that a steady load keeps in flight: below it, a fault's backlog is gone. */
    static final long IN_FLIGHT_UNDER_LOAD = 100;

    /**
     * Waits (up to {@code limit}) for recovery; answers how long it took, or null when it did not recover. Under
     * load, recovered means ready and back to the backlog the load keeps in flight; once the load stopped
     * ({@code settled}), nothing may be left in flight, and no SLA check pending either (so the figures no longer
     * move).
     */
    Duration await(Duration limit, boolean settled) throws InterruptedException {
        long start = System.nanoTime();
        long nextReport = start + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() - start < limit.toNanos()) {
            String missing = recovered(settled ? 0 : IN_FLIGHT_UNDER_LOAD, settled);
            if (missing == null) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (System.nanoTime() > nextReport) {
                System.out.printf("    still waiting (%d s): %s%n",
                        Duration.ofNanos(System.nanoTime() - start).toSeconds(), missing);
                nextReport += Duration.ofSeconds(15).toNanos();
            }
            Thread.sleep(250);
        }
        return null;
    }

    /** Null when recovered, else what is still missing. */
    String recovered(long inFlight, boolean slaSettled) {
        for (String url : readinessUrls) {
            if (!ready(url)) {
                return url + " not ready";
            }
        }
        try {
            long unsentCustomers = unsentCustomerEvents();
            if (unsentCustomers > inFlight) {
                return unsentCustomers + " customer events unsent";
            }
            long unsentComplaints = mongo.getDatabase("complaints").getCollection("complaints")
                    .countDocuments(Filters.ne("pendingSince", null));
            if (unsentComplaints > inFlight) {
                return unsentComplaints + " complaints with unsent events";
            }
            if (!slaSettled) {
                for (String group : List.of("complaint-service", analyticsGroup())) {
                    long lag = lag(group);
                    if (lag > inFlight) {
                        return group + " lags " + lag;
                    }
                }
            } else {
                // exactly: every consumer holds every aggregate at its last version (offsets would count the
                // markers of the relays' transactions, which a SmallRye consumer never commits past)
                String behind = consumersBehind();
                if (behind != null) {
                    return behind;
                }
                long pending = mongo.getDatabase("complaints").getCollection("complaints")
                        .countDocuments(Filters.ne("nextSlaCheckAt", null));
                if (pending > 0) {
                    return pending + " complaints with an SLA check to come";
                }
            }
            return null;
        } catch (Exception e) {
            return e.getMessage();
        }
    }

    /** Null when complaint-service and analytics hold every customer and complaint at its last version. */
    private String consumersBehind() throws Exception {
        Map<String, Long> customers = new HashMap<>();
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        try (Connection c = DriverManager.getConnection(postgresUrl, props);
                ResultSet rs = c.createStatement().executeQuery("SELECT id::text, version FROM customer")) {
            while (rs.next()) {
                customers.put(rs.getString(1), rs.getLong(2));
            }
        }
        Map<String, Long> complaints = new HashMap<>();
        for (Document d : mongo.getDatabase("complaints").getCollection("complaints").find()
                .projection(new Document("version", 1))) {
            complaints.put(d.getString("_id"), ((Number) d.get("version")).longValue());
        }
        int generation = Integer.parseInt(analyticsGroup().substring("analytics-service-g".length()));
        String behind = behind("complaint-service customers", customers,
                mongo.getDatabase("complaints").getCollection("customers"));
        if (behind == null) {
            behind = behind("analytics customers", customers,
                    mongo.getDatabase("analytics").getCollection("customers_g" + generation));
        }
        if (behind == null) {
            behind = behind("analytics complaints", complaints,
                    mongo.getDatabase("analytics").getCollection("complaints_g" + generation));
        }
        return behind;
    }

    private static String behind(String what, Map<String, Long> expected,
            com.mongodb.client.MongoCollection<Document> copy) {
        Map<String, Long> held = new HashMap<>();
        for (Document d : copy.find().projection(new Document("version", 1))) {
            held.put(d.getString("_id"), d.get("version") == null ? 0 : ((Number) d.get("version")).longValue());
        }
        long missing = expected.entrySet().stream()
                .filter(e -> !e.getValue().equals(held.getOrDefault(e.getKey(), 0L))).count();
        return missing == 0 ? null : what + ": " + missing + " not at their last version";
    }

    /** The consumer group of the live analytics generation. */
    String analyticsGroup() {
        Document control = mongo.getDatabase("analytics").getCollection("analytics_control")
                .find(Filters.eq("_id", "generations")).first();
        return "analytics-service-g" + (control == null ? 1 : control.getInteger("active"));
    }

    private long lag(String group) throws Exception {
        Map<TopicPartition, Long> committed = new HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS)
                .forEach((tp, meta) -> committed.put(tp, meta == null ? 0 : meta.offset()));
        List<String> topics = group.equals("complaint-service") ? List.of(Topics.CUSTOMER_EVENTS)
                : List.of(Topics.CUSTOMER_EVENTS, Topics.COMPLAINT_EVENTS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).values().forEach(t -> t.partitions()
                .forEach(p -> latest.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS).entrySet()) {
            lag += Math.max(0, end.getValue().offset() - committed.getOrDefault(end.getKey(), 0L));
        }
        return lag;
    }

    private long unsentCustomerEvents() throws Exception {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("connectTimeout", "3");
        props.setProperty("socketTimeout", "5");
        try (Connection c = DriverManager.getConnection(postgresUrl, props);
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean ready(String url) {
        try {
            var client = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            var response = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .timeout(Duration.ofSeconds(3)).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    MongoClient mongo() {
        return mongo;
    }

    @Override
    public void close() {
        mongo.close();
        admin.close();
    }
}
