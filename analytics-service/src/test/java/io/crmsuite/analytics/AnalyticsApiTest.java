package io.crmsuite.analytics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.crmsuite.events.Topics;
import io.crmsuite.infra.testkit.EventLog;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AnalyticsApiTest {

    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void connect() {
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap()), new StringSerializer(),
                new StringSerializer());
    }

    @AfterAll
    static void disconnect() {
        producer.close();
    }

    @Test
    void eventsAtTheEdgeOfADayCountInTheirOwnUtcDay() throws Exception {
        // two complaints: one received at the last millisecond of May 1st, one at midnight of May 2nd (UTC)
        EventStream late = new EventStream(8, Instant.parse("2024-05-01T23:59:59.999Z"), 0);
        EventStream early = new EventStream(9, Instant.parse("2024-05-02T00:00:00Z"), 0);
        for (EventStream s : List.of(late, early)) {
            s.complaints(1, List.of(UUID.randomUUID().toString()));
            publish(s.unique().subList(0, 1)); // only complaint.received
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("from", "2024-05-01")
                .queryParam("to", "2024-05-03").get("/analytics/complaints/sla").then().statusCode(200)
                .body("rows.period", is(List.of("2024-05-01", "2024-05-02"))).body("rows.received", is(List.of(1, 1))));
    }

    @Test
    void weeksAndMonthsAreLabelledAndEmptyPeriodsHaveRows() {
        given().queryParam("from", "2023-01-30").queryParam("to", "2023-02-13").queryParam("granularity", "week")
                .get("/analytics/complaints/sla").then().statusCode(200).body("granularity", is("week"))
                .body("rows.period", is(List.of("2023-W05", "2023-W06"))).body("rows.received", is(List.of(0, 0)))
                .body("rows[0].shareResolvedWithinTarget", is((Object) null));
        given().queryParam("from", "2023-01-15").queryParam("to", "2023-03-01").queryParam("granularity", "month")
                .get("/analytics/customers/indicators").then().statusCode(200)
                .body("rows.period", is(List.of("2023-01", "2023-02")));
    }

    /** CSV has no place beside its rows: what JSON shows there comes as headers, so a CSV reader can page on. */
    @Test
    void csvCarriesThePagingOfAnExportInHeaders() {
        var json = given().queryParam("limit", "1").get("/analytics/export/complaints").then().statusCode(200).extract();
        var csv = given().accept("text/csv").queryParam("limit", "1").get("/analytics/export/complaints").then()
                .statusCode(200).contentType(startsWith("text/csv")).extract();
        assertEquals(String.valueOf((Object) json.path("hasMore")), csv.header("X-Has-More"));
        assertEquals(json.path("nextCursor"), csv.header("X-Next-Cursor"));
    }

    @Test
    void csvHasTheSameRowsAndColumnsAsJson() {
        var json = given().queryParam("from", "2024-05-01").queryParam("to", "2024-05-04")
                .get("/analytics/complaints/sla").then().statusCode(200).extract();
        var csvAnswer = given().accept("text/csv").queryParam("from", "2024-05-01").queryParam("to", "2024-05-04")
                .get("/analytics/complaints/sla").then().statusCode(200).contentType(startsWith("text/csv")).extract();
        String csv = csvAnswer.asString();
        String[] lines = csv.split("\r\n");
        List<Map<String, Object>> rows = json.path("rows");
        assertEquals(rows.size() + 1, lines.length);
        assertEquals(String.join(",", rows.get(0).keySet()), lines[0]);
        for (int i = 0; i < rows.size(); i++) {
            List<Object> values = List.copyOf(rows.get(i).values().stream().map(v -> v == null ? "" : v).toList());
            String[] cells = lines[i + 1].split(",", -1);
            assertEquals(values.size(), cells.length, lines[i + 1]);
            for (int c = 0; c < cells.length; c++) {
                if (values.get(c) instanceof Number n) { // JSON numbers come back as floats: 0.00 is read as 0.0
                    assertEquals(0, new java.math.BigDecimal(n.toString()).compareTo(new java.math.BigDecimal(cells[c])),
                            lines[0].split(",")[c] + ": " + n + " vs " + cells[c]);
                } else {
                    assertEquals(values.get(c).toString(), cells[c], lines[0].split(",")[c]);
                }
            }
        }
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        given().queryParam("from", "yesterday").get("/analytics/complaints/sla").then().statusCode(400)
                .contentType("application/problem+json").body("field", is("from"));
        given().queryParam("granularity", "hour").get("/analytics/complaints/sla").then().statusCode(400)
                .body("field", is("granularity"));
        given().queryParam("groupBy", "colour").get("/analytics/complaints/sla").then().statusCode(400)
                .body("field", is("groupBy"));
        given().queryParam("from", "2024-02-01").queryParam("to", "2024-01-01").get("/analytics/customers/indicators")
                .then().statusCode(400).body("field", is("to"));
        given().queryParam("cursor", "nonsense").get("/analytics/export/complaints").then().statusCode(400)
                .body("field", is("cursor"));
    }

    @Test
    void groupByCategorySplitsTheRows() throws Exception {
        EventStream stream = new EventStream(11, Instant.parse("2024-06-10T00:00:00Z"), 1);
        stream.complaints(12, List.of(UUID.randomUUID().toString()));
        List<EventStream.Event> received = stream.unique().stream()
                .filter(e -> e.cloudEvent().type().equals("complaint.received")).toList();
        publish(received);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> rows = given().queryParam("from", "2024-06-10").queryParam("to", "2024-06-11")
                    .queryParam("groupBy", "category").get("/analytics/complaints/sla").then().statusCode(200)
                    .extract().path("rows");
            assertEquals(12, rows.stream().mapToInt(r -> ((Number) r.get("received")).intValue()).sum());
            rows.forEach(r -> assertNotNull(r.get("category")));
        });
    }

    @Test
    void theExportReturnsChangedComplaintsAfterTheCursor() throws Exception {
        String start = given().get("/analytics/export/complaints?limit=10000").then().statusCode(200).extract()
                .path("nextCursor");
        EventStream stream = new EventStream(12, Instant.parse("2024-07-01T00:00:00Z"), 2);
        stream.complaints(3, List.of(UUID.randomUUID().toString()));
        publish(stream.unique());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("cursor", start)
                .get("/analytics/export/complaints").then().statusCode(200).body("rows", hasSize(3)));
        var page = given().queryParam("cursor", start).queryParam("limit", 2).get("/analytics/export/complaints").then()
                .body("rows", hasSize(2)).body("hasMore", is(true)).extract();
        given().queryParam("cursor", (String) page.path("nextCursor")).get("/analytics/export/complaints").then()
                .body("rows", hasSize(1)).body("rows[0].category", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anUnreadableEventGoesToTheDeadLetterTopicWithTheReason() throws Exception {
        String key = UUID.randomUUID().toString();
        producer.send(new ProducerRecord<>(Topics.COMPLAINT_EVENTS, key, "{\"specversion\":\"1.0\",\"id\":\"x\","
                + "\"type\":\"complaint.teleported\",\"subject\":\"" + key + "\",\"aggregateversion\":1,"
                + "\"time\":\"2024-01-01T00:00:00Z\",\"data\":{}}")).get();
        try (EventLog dlq = new EventLog(bootstrap(), Topics.ANALYTICS_DEAD_LETTER)) {
            var parked = dlq.awaitKey(key, 1, Duration.ofSeconds(30));
            assertEquals(1, parked.size());
            String reason = new String(parked.get(0).headers().lastHeader("dead-letter-reason").value(),
                    StandardCharsets.UTF_8);
            org.junit.jupiter.api.Assertions.assertTrue(reason.contains("complaint.teleported"), reason);
        }
    }

    @Test
    void prometheusShowsTheLiveFigures() {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("crm_complaints_backlog{state=\"open\"}"))
                .body(org.hamcrest.Matchers.containsString("crm_complaints_share_resolved_within_target_today")));
    }

    private static void publish(List<EventStream.Event> events) throws Exception {
        EventStream.publish(events);
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
