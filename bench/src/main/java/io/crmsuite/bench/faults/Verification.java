package io.crmsuite.bench.faults;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;

import io.crmsuite.events.EventTypes;
import io.crmsuite.events.Topics;

/**
 * After a run: what the suite acknowledged is still there, every indicator equals a recomputation from the
 * services' own stores, nothing went to a dead-letter topic, and no SLA warning or breach was emitted twice.
 * Assumes a suite started on an empty data directory (the indicators count everything in it).
 */
final class Verification {

    /** One checked figure: its name and the number of mismatches or losses (0 is the only good answer). */
    record Check(String name, long problems, String detail) {
    }

    private final Api api;
    private final String postgresUrl;
    private final MongoClient mongo;
    private final String kafka;

    Verification(Api api, String postgresUrl, MongoClient mongo, String kafka) {
        this.api = api;
        this.postgresUrl = postgresUrl;
        this.mongo = mongo;
        this.kafka = kafka;
    }

    long deadLetters() {
        return read(List.of(Topics.COMPLAINT_DEAD_LETTER, Topics.ANALYTICS_DEAD_LETTER)).size();
    }

    List<Check> run(Ledger ledger, long deadLettersBefore) throws Exception {
        List<Check> checks = new ArrayList<>();
        checks.add(missingWrites(ledger));
        checks.add(erasures(ledger));
        checks.add(complaintFigures());
        checks.add(customerFigures());
        checks.add(new Check("messages in dead-letter topics", deadLetters() - deadLettersBefore, ""));
        checks.add(slaEmittedTwice());
        return checks;
    }

    /** Every acknowledged customer, purchase, complaint and resolution, looked up in its own store. */
    private Check missingWrites(Ledger ledger) throws Exception {
        long missing = 0;
        List<String> detail = new ArrayList<>();
        try (Connection c = postgres()) {
            Set<String> customers = ids(c, "SELECT id::text FROM customer WHERE id = ANY(?)", ledger.customers);
            Set<String> purchases = ids(c, "SELECT id::text FROM purchase WHERE id = ANY(?)", ledger.purchases.keySet());
            missing += diff(ledger.customers, customers, "customer", detail);
            missing += diff(ledger.purchases.keySet(), purchases, "purchase", detail);
        }
        for (String id : ledger.complaints.keySet()) {
            Document complaint = complaint(id);
            if (complaint == null) {
                missing++;
                detail.add("complaint " + id);
            } else if (ledger.resolved.contains(id) && !"RESOLVED".equals(complaint.getString("status"))) {
                missing++;
                detail.add("resolution of " + id);
            }
        }
        return new Check("acknowledged writes missing", missing, String.join(", ", detail.stream().limit(5).toList()));
    }

    /** customer.erased took effect everywhere: the customer and its complaints hold no contact details. */
    private Check erasures(Ledger ledger) throws Exception {
        long problems = 0;
        try (Connection c = postgres()) {
            Set<String> erased = ids(c, "SELECT id::text FROM customer WHERE erased_at IS NOT NULL AND id = ANY(?)",
                    ledger.erased);
            problems += diff(ledger.erased, erased, "erasure", new ArrayList<>());
        }
        for (String customer : ledger.erased) {
            for (Document complaint : mongo.getDatabase("complaints").getCollection("complaints")
                    .find(Filters.eq("customerId", customer))) {
                if (complaint.get("contactPhone") != null || !"ERASED".equals(complaint.getString("customerMatch"))) {
                    problems++;
                }
            }
        }
        return new Check("erasures not applied everywhere", problems, ledger.erased.size() + " customers erased");
    }

    /**
     * received, resolved (first resolutions: the end of cycle 1), warnings, breaches per day: complaint-service's
     * documents against the indicators.
     */
    private Check complaintFigures() {
        Map<String, long[]> expected = new TreeMap<>(); // day -> received, resolved, warnings, breached
        for (Document c : mongo.getDatabase("complaints").getCollection("complaints").find()) {
            count(expected, c.getDate("receivedAt"), 0);
            List<Document> previous = c.getList("previousCycles", Document.class, List.of());
            count(expected, previous.isEmpty() ? c.getDate("resolvedAt") : previous.get(0).getDate("stoppedAt"), 1);
            Document sla = c.get("sla", Document.class);
            count(expected, sla.getDate("warnedAt"), 2);
            count(expected, sla.getDate("breachedAt"), 3);
            for (Document earlier : c.getList("previousCycles", Document.class, List.of())) {
                count(expected, earlier.getDate("warnedAt"), 2);
                count(expected, earlier.getDate("breachedAt"), 3);
            }
        }
        if (expected.isEmpty()) {
            return new Check("complaint indicators that differ", 0, "no complaints");
        }
        JsonNode rows = api.get("/api/analytics/complaints/sla?from=" + expected.keySet().iterator().next()
                + "&to=" + LocalDate.parse(((TreeMap<String, long[]>) expected).lastKey()).plusDays(1)).json()
                .path("rows");
        String[] names = { "received", "resolved", "warnings", "breached" };
        long mismatches = 0;
        List<String> detail = new ArrayList<>();
        for (JsonNode row : rows) {
            long[] want = expected.getOrDefault(row.path("period").asText(), new long[4]);
            for (int i = 0; i < names.length; i++) {
                if (row.path(names[i]).asLong() != want[i]) {
                    mismatches++;
                    detail.add(row.path("period").asText() + " " + names[i] + " " + row.path(names[i]).asLong()
                            + " vs " + want[i]);
                }
            }
        }
        return new Check("complaint indicators that differ", mismatches, String.join(", ", detail));
    }

    /**
     * Registered customers, new customers (first purchase that day: the lectures' definition, not the
     * registrations), purchases, revenue and profit per day: PostgreSQL against the indicators.
     */
    private Check customerFigures() throws Exception {
        Map<String, BigDecimal[]> expected = new TreeMap<>(); // day -> registered, new, purchases, revenue, profit
        try (Connection c = postgres()) {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT (created_at AT TIME ZONE 'UTC')::date, count(*) FROM customer GROUP BY 1")) {
                while (rs.next()) {
                    figures(expected, rs.getString(1))[0] = rs.getBigDecimal(2);
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT first_day, count(*) FROM (SELECT "
                    + "(min(occurred_at) AT TIME ZONE 'UTC')::date AS first_day FROM purchase GROUP BY customer_id) "
                    + "AS buyers GROUP BY 1")) {
                while (rs.next()) {
                    figures(expected, rs.getString(1))[1] = rs.getBigDecimal(2);
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT (occurred_at AT TIME ZONE 'UTC')::date, "
                    + "count(*), sum(amount), coalesce(sum(margin), 0) FROM purchase GROUP BY 1")) {
                while (rs.next()) {
                    BigDecimal[] f = figures(expected, rs.getString(1));
                    f[2] = rs.getBigDecimal(2);
                    f[3] = rs.getBigDecimal(3);
                    f[4] = rs.getBigDecimal(4);
                }
            }
        }
        if (expected.isEmpty()) {
            return new Check("customer indicators that differ", 0, "no customers");
        }
        JsonNode rows = api.get("/api/analytics/customers/indicators?from=" + expected.keySet().iterator().next()
                + "&to=" + LocalDate.parse(((TreeMap<String, BigDecimal[]>) expected).lastKey()).plusDays(1)).json()
                .path("rows");
        String[] names = { "registered", "new", "purchases", "revenue", "profit" };
        long mismatches = 0;
        List<String> detail = new ArrayList<>();
        for (JsonNode row : rows) {
            BigDecimal[] want = expected.getOrDefault(row.path("period").asText(), figures(new HashMap<>(), "x"));
            for (int i = 0; i < names.length; i++) {
                if (new BigDecimal(row.path(names[i]).asText()).compareTo(want[i]) != 0) {
                    mismatches++;
                    detail.add(row.path("period").asText() + " " + names[i] + " " + row.path(names[i]).asText()
                            + " vs " + want[i]);
                }
            }
        }
        return new Check("customer indicators that differ", mismatches, String.join(", ", detail));
    }

    /** Two different events (versions) saying the same complaint's cycle was warned or breached. */
    private Check slaEmittedTwice() throws Exception {
        Map<String, Set<Long>> versions = new HashMap<>();
        for (ConsumerRecord<String, String> record : read(List.of(Topics.COMPLAINT_EVENTS))) {
            JsonNode event = Api.JSON.readTree(record.value());
            String type = event.path("type").asText();
            if (type.equals(EventTypes.COMPLAINT_SLA_WARNING) || type.equals(EventTypes.COMPLAINT_SLA_BREACHED)) {
                String key = event.path("subject").asText() + " " + type + " cycle "
                        + event.path("data").path("sla").path("cycle").asInt();
                versions.computeIfAbsent(key, k -> new HashSet<>()).add(event.path("aggregateversion").asLong());
            }
        }
        List<String> twice = versions.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                .toList();
        return new Check("SLA warnings or breaches emitted twice", twice.size(),
                versions.size() + " recorded; " + String.join(", ", twice.stream().limit(3).toList()));
    }

    private Document complaint(String id) {
        return mongo.getDatabase("complaints").getCollection("complaints").find(Filters.eq("_id", id)).first();
    }

    private static void count(Map<String, long[]> days, Date at, int index) {
        if (at != null) {
            days.computeIfAbsent(LocalDate.ofInstant(at.toInstant(), ZoneOffset.UTC).toString(), d -> new long[4])[index]++;
        }
    }

    private static BigDecimal[] figures(Map<String, BigDecimal[]> days, String day) {
        return days.computeIfAbsent(day, d -> new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO });
    }

    private static long diff(Set<String> acknowledged, Set<String> found, String what, List<String> detail) {
        long missing = 0;
        for (String id : acknowledged) {
            if (!found.contains(id)) {
                missing++;
                detail.add(what + " " + id);
            }
        }
        return missing;
    }

    private static Set<String> ids(Connection c, String sql, Set<String> ids) throws Exception {
        Set<String> found = new HashSet<>();
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setArray(1, c.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    private Connection postgres() throws Exception {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", "postgres");
        return DriverManager.getConnection(postgresUrl, props);
    }

    /** Every record on the topics, read to their current ends with a throw-away consumer. */
    private List<ConsumerRecord<String, String>> read(List<String> topics) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ConsumerConfig.GROUP_ID_CONFIG, "faults-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            topics.forEach(t -> consumer.partitionsFor(t, Duration.ofSeconds(10))
                    .forEach(p -> partitions.add(new TopicPartition(t, p.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
