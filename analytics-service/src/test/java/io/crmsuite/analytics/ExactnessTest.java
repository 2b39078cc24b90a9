package io.crmsuite.analytics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.crmsuite.analytics.store.Histogram;
import io.crmsuite.events.EventTypes;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The test that matters: a random history of customers and complaints, with duplicates and redeliveries, goes
 * through the real topics; every indicator must equal a plain recomputation from the raw event list.
 */
@QuarkusTest
class ExactnessTest {

    private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
    private static final int DAYS = 12;
    private static final String FROM = "2024-03-01";
    private static final String TO = "2024-03-20";

    @org.junit.jupiter.api.BeforeAll
    static void readNumbersAsDoubles() {
        io.restassured.RestAssured.config = io.restassured.RestAssured.config().jsonConfig(
                io.restassured.config.JsonConfig.jsonConfig().numberReturnType(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @org.junit.jupiter.api.AfterAll
    static void restoreNumberReading() {
        io.restassured.RestAssured.config = io.restassured.RestAssured.config()
                .jsonConfig(io.restassured.config.JsonConfig.jsonConfig());
    }

    @Test
    void everyIndicatorEqualsARecomputationFromTheRawEvents() throws Exception {
        Map<String, Object> backlogBefore = backlog();
        EventStream stream = new EventStream(20241, START, DAYS);
        List<String> customers = new ArrayList<>(stream.customers(40).keySet());
        stream.complaints(80, customers);
        List<EventStream.Event> published = stream.shuffledWithDuplicates(0.25);
        EventStream.publish(published);
        List<JsonNode> events = new ArrayList<>();
        for (EventStream.Event e : stream.unique()) {
            events.add(EventStream.JSON.valueToTree(e.cloudEvent()));
        }
        Expected expected = new Expected(events);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertEquals(expected.totalReceived + "/"
                + expected.totalResolved + "/" + expected.totalNew, totals()));

        // the 24-hour rule, per day
        List<Map<String, Object>> rows = given().queryParam("from", FROM).queryParam("to", TO).get("/analytics/complaints/sla")
                .then().statusCode(200).extract().path("rows");
        for (Map<String, Object> row : rows) {
            String day = (String) row.get("period");
            Expected.Sla e = expected.sla.getOrDefault(day, new Expected.Sla());
            assertEquals(e.received, num(row, "received"), day + " received");
            assertEquals(e.resolved, num(row, "resolved"), day + " resolved");
            assertEquals(e.met, num(row, "resolvedWithinTarget"), day + " within target");
            assertEquals(e.within24h, num(row, "resolvedWithin24h"), day + " within 24h");
            assertEquals(e.breached, num(row, "breached"), day + " breached");
            assertEquals(e.warnings, num(row, "warnings"), day + " warnings");
            assertEquals(e.reopened, num(row, "reopened"), day + " reopened");
            assertEquals(e.resolved == 0 ? null : round((double) e.met / e.resolved, 4), row.get("shareResolvedWithinTarget") == null ? null : ((Number) row.get("shareResolvedWithinTarget")).doubleValue(), day);
            assertEquals(e.satCount == 0 ? null : round((double) e.satSum / e.satCount, 2), dbl(row, "averageSatisfaction"), day + " satisfaction");
            assertEquals(e.resolved == 0 ? null : round(e.resSeconds / 3600.0 / e.resolved, 2), dbl(row, "averageResolutionHours"), day + " average resolution");
            assertEquals(round(Histogram.quantile(e.resolutionHistogram, e.resolutionSums, 0.5), 2), dbl(row, "medianResolutionHours"), day + " median");
            assertEquals(round(Histogram.quantile(e.resolutionHistogram, e.resolutionSums, 0.9), 2), dbl(row, "p90ResolutionHours"), day + " p90");
            assertEquals(round(Histogram.quantile(e.firstResponseHistogram, e.firstResponseSums, 0.5), 2), dbl(row, "medianFirstResponseHours"), day + " first response");
        }
        assertEquals(19, rows.size(), "one row per day, empty days too");

        // customers, per day
        List<Map<String, Object>> customerRows = given().queryParam("from", FROM).queryParam("to", TO)
                .get("/analytics/customers/indicators").then().statusCode(200).extract().path("rows");
        long base = 0;
        for (Map<String, Object> row : customerRows) {
            String day = (String) row.get("period");
            Expected.Customers e = expected.customers.getOrDefault(day, new Expected.Customers());
            assertEquals(base, num(row, "customersAtStart"), day + " customers at start");
            assertEquals(e.added, num(row, "new"), day + " new");
            assertEquals(e.churned, num(row, "churned"), day + " churned");
            assertEquals(e.upgraded, num(row, "upgraded"), day + " upgraded");
            assertEquals(e.downgraded, num(row, "downgraded"), day + " downgraded");
            assertEquals(e.reactivated, num(row, "reactivated"), day + " reactivated");
            assertMoney(e.revenue, row.get("revenue"), day + " revenue");
            assertMoney(e.profit, row.get("profit"), day + " profit");
            base += e.added - e.churned + e.reactivated;
            assertEquals(base, num(row, "customersAtEnd"), day + " customers at end");
        }

        // the pyramid at the end
        List<Map<String, Object>> tiers = given().queryParam("from", FROM).queryParam("to", TO)
                .get("/analytics/customers/value").then().statusCode(200).extract().path("rows");
        for (Map<String, Object> row : tiers) {
            assertEquals(expected.tierCount.getOrDefault((String) row.get("tier"), 0L), num(row, "customers"),
                    "customers in " + row.get("tier"));
            assertMoney(expected.tierRevenue.getOrDefault((String) row.get("tier"), BigDecimal.ZERO), row.get("revenue"),
                    "revenue of " + row.get("tier"));
        }

        // retention by resolution, over the whole range
        List<Map<String, Object>> retention = given().queryParam("from", FROM).queryParam("to", TO)
                .queryParam("granularity", "month").get("/analytics/retention/by-resolution").then().statusCode(200)
                .extract().path("rows");
        for (Map<String, Object> row : retention) {
            String cls = (String) row.get("resolution");
            assertEquals(expected.complainants.getOrDefault(cls, 0L), num(row, "complainants"), cls + " complainants");
            assertEquals(expected.boughtAgain.getOrDefault(cls, 0L), num(row, "boughtAgain"), cls + " bought again");
        }

        // the backlog moved by the complaints still open
        Map<String, Object> backlogAfter = backlog();
        for (String state : List.of("onTrack", "atRisk", "breached")) {
            assertEquals(expected.backlog.getOrDefault(state, 0L), num(backlogAfter, state) - num(backlogBefore, state),
                    "backlog " + state);
        }
    }

    private static String totals() {
        List<Map<String, Object>> rows = given().queryParam("from", FROM).queryParam("to", TO)
                .queryParam("granularity", "month").get("/analytics/complaints/sla").then().extract().path("rows");
        long received = rows.stream().mapToLong(r -> num(r, "received")).sum();
        long resolved = rows.stream().mapToLong(r -> num(r, "resolved")).sum();
        List<Map<String, Object>> customers = given().queryParam("from", FROM).queryParam("to", TO)
                .queryParam("granularity", "month").get("/analytics/customers/indicators").then().extract().path("rows");
        long added = customers.stream().mapToLong(r -> num(r, "new")).sum();
        return received + "/" + resolved + "/" + added;
    }

    private static Map<String, Object> backlog() {
        return given().get("/analytics/complaints/backlog").then().statusCode(200).extract().path("rows[0]");
    }

    private static void assertMoney(BigDecimal expected, Object actual, String what) {
        assertEquals(0, expected.compareTo(new BigDecimal(actual.toString())), what + ": " + expected + " vs " + actual);
    }

    private static long num(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).longValue();
    }

    private static Double dbl(Map<String, Object> row, String key) {
        return row.get(key) == null ? null : ((Number) row.get(key)).doubleValue();
    }

    static Double round(Double v, int decimals) {
        if (v == null) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }

    /** The indicators computed the plain way, from the list of distinct events. */
    static final class Expected {

        static final class Sla {
            long received, resolved, met, within24h, breached, warnings, reopened, satSum, satCount, resSeconds;
            Map<Integer, Long> resolutionHistogram = new HashMap<>();
            Map<Integer, Long> resolutionSums = new HashMap<>();
            Map<Integer, Long> firstResponseHistogram = new HashMap<>();
            Map<Integer, Long> firstResponseSums = new HashMap<>();
        }

        static final class Customers {
            long added, churned, upgraded, downgraded, reactivated;
            BigDecimal revenue = BigDecimal.ZERO.setScale(2);
            BigDecimal profit = BigDecimal.ZERO.setScale(2);
        }

        final Map<String, Sla> sla = new TreeMap<>();
        final Map<String, Customers> customers = new TreeMap<>();
        final Map<String, Long> tierCount = new HashMap<>();
        final Map<String, BigDecimal> tierRevenue = new HashMap<>();
        final Map<String, Long> complainants = new HashMap<>();
        final Map<String, Long> boughtAgain = new HashMap<>();
        final Map<String, Long> backlog = new HashMap<>();
        long totalReceived, totalResolved, totalNew;

        Expected(List<JsonNode> events) {
            Map<String, List<Instant>> purchases = new HashMap<>();
            Map<String, String> tierOf = new HashMap<>();
            for (JsonNode e : events) {
                JsonNode d = e.get("data");
                String type = e.get("type").asText();
                switch (type) {
                    case EventTypes.CUSTOMER_REGISTERED -> {
                        customers(d.get("registeredAt")).added++;
                        totalNew++;
                        tierOf.put(e.get("subject").asText(), d.get("tier").asText());
                    }
                    case EventTypes.CUSTOMER_TIER_CHANGED -> {
                        Customers c = customers(d.get("changedAt"));
                        if ("UPGRADE".equals(d.get("direction").asText())) {
                            c.upgraded++;
                        } else {
                            c.downgraded++;
                        }
                        tierOf.put(e.get("subject").asText(), d.get("to").asText());
                    }
                    case EventTypes.CUSTOMER_LIFECYCLE_CHANGED -> {
                        if ("CHURNED".equals(d.get("to").asText())) {
                            customers(d.get("changedAt")).churned++;
                        } else {
                            customers(d.get("changedAt")).reactivated++;
                        }
                    }
                    case EventTypes.PURCHASE_RECORDED -> {
                        Customers c = customers(d.get("occurredAt"));
                        BigDecimal amount = new BigDecimal(d.get("amount").asText());
                        c.revenue = c.revenue.add(amount);
                        c.profit = c.profit.add(new BigDecimal(d.get("margin").asText()));
                        tierRevenue.merge(d.get("tier").asText(), amount, BigDecimal::add);
                        purchases.computeIfAbsent(e.get("subject").asText(), k -> new ArrayList<>())
                                .add(Instant.parse(d.get("occurredAt").asText()));
                    }
                    case EventTypes.COMPLAINT_RECEIVED -> {
                        sla(d.get("at")).received++;
                        totalReceived++;
                    }
                    case EventTypes.COMPLAINT_SLA_WARNING -> sla(d.get("at")).warnings++;
                    case EventTypes.COMPLAINT_SLA_BREACHED -> sla(d.get("at")).breached++;
                    case EventTypes.COMPLAINT_REOPENED -> sla(d.get("at")).reopened++;
                    case EventTypes.COMPLAINT_SATISFACTION_RECORDED -> {
                        Sla s = sla(d.get("at"));
                        s.satSum += d.get("satisfaction").get("score").asLong();
                        s.satCount++;
                    }
                    case EventTypes.COMPLAINT_RESOLVED -> {
                        Sla s = sla(d.get("at"));
                        long seconds = d.get("resolution").get("durationSeconds").asLong();
                        s.resolved++;
                        totalResolved++;
                        s.met += d.get("resolution").get("met").asBoolean() ? 1 : 0;
                        s.within24h += seconds <= 86400 ? 1 : 0;
                        s.resSeconds += seconds;
                        s.resolutionHistogram.merge(Histogram.bucketOf(seconds), 1L, Long::sum);
                        s.resolutionSums.merge(Histogram.bucketOf(seconds), seconds, Long::sum);
                    }
                    default -> {
                    }
                }
            }
            tierOf.values().forEach(t -> tierCount.merge(t, 1L, Long::sum));
            complaintsByAggregate(events, purchases);
        }

        /** First response, retention class and the final backlog state: they need each complaint's whole story. */
        private void complaintsByAggregate(List<JsonNode> events, Map<String, List<Instant>> purchases) {
            Map<String, List<JsonNode>> byComplaint = new HashMap<>();
            events.stream().filter(e -> e.get("type").asText().startsWith("complaint."))
                    .forEach(e -> byComplaint.computeIfAbsent(e.get("subject").asText(), k -> new ArrayList<>()).add(e));
            for (List<JsonNode> story : byComplaint.values()) {
                JsonNode first = story.get(0).get("data");
                Instant received = Instant.parse(first.get("receivedAt").asText());
                Long firstResponse = null;
                Instant firstResponseAt = null;
                Instant firstResolved = null;
                Long firstResolutionSeconds = null;
                for (JsonNode e : story) {
                    JsonNode d = e.get("data");
                    String type = e.get("type").asText();
                    Instant at = Instant.parse(d.get("at").asText());
                    if (firstResponse == null && type.equals(EventTypes.COMPLAINT_ACKNOWLEDGED)) {
                        firstResponse = Duration.between(received, at).toSeconds();
                        firstResponseAt = at;
                    }
                    if (type.equals(EventTypes.COMPLAINT_RESOLVED) && firstResolved == null) {
                        firstResolved = at;
                        firstResolutionSeconds = d.get("resolution").get("durationSeconds").asLong();
                        if (firstResponse == null && !d.get("resolution").get("firstResponseSeconds").isNull()) {
                            firstResponse = d.get("resolution").get("firstResponseSeconds").asLong();
                            firstResponseAt = at;
                        }
                    }
                }
                if (firstResponse != null) {
                    sla(firstResponseAt).firstResponseHistogram.merge(Histogram.bucketOf(firstResponse), 1L, Long::sum);
                    sla(firstResponseAt).firstResponseSums.merge(Histogram.bucketOf(firstResponse), firstResponse, Long::sum);
                }
                JsonNode last = story.get(story.size() - 1).get("data");
                String status = last.get("status").asText();
                if (!status.equals("RESOLVED") && !status.equals("CLOSED")) {
                    String clock = last.get("sla").get("status").asText();
                    backlog.merge(switch (clock) {
                        case "AT_RISK" -> "atRisk";
                        case "BREACHED" -> "breached";
                        default -> "onTrack";
                    }, 1L, Long::sum);
                }
                if (first.get("customerId").isNull()) {
                    continue;
                }
                String cls = firstResolved == null ? "UNRESOLVED" : firstResolutionSeconds <= 86400 ? "WITHIN_24H" : "LATER";
                Instant ref = firstResolved == null ? received : firstResolved;
                Instant end = ref.plus(Duration.ofDays(90));
                boolean bought = purchases.getOrDefault(first.get("customerId").asText(), List.of()).stream()
                        .anyMatch(t -> t.isAfter(ref) && !t.isAfter(end));
                complainants.merge(cls, 1L, Long::sum);
                boughtAgain.merge(cls, bought ? 1L : 0L, Long::sum);
            }
        }

        private Sla sla(JsonNode at) {
            return sla(Instant.parse(at.asText()));
        }

        private Sla sla(Instant at) {
            return sla.computeIfAbsent(LocalDate.ofInstant(at, ZoneOffset.UTC).toString(), k -> new Sla());
        }

        private Customers customers(JsonNode at) {
            return customers.computeIfAbsent(LocalDate.ofInstant(Instant.parse(at.asText()), ZoneOffset.UTC).toString(),
                    k -> new Customers());
        }
    }
}
