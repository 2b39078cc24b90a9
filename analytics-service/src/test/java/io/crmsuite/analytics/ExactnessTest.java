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

    @jakarta.inject.Inject
    io.crmsuite.analytics.store.Generations generations;
    @jakarta.inject.Inject
    io.crmsuite.analytics.ingest.GroupOffsets offsets;

    @Test
    void everyIndicatorEqualsARecomputationFromTheRawEvents() throws Exception {
        Ingestion.awaitCaughtUp(generations, offsets); // the backlog is global: other tests' events first
        Map<String, Object> backlogBefore = backlog();
        EventStream stream = new EventStream(20241, START, DAYS);
        List<String> customers = new ArrayList<>(stream.customers(40).keySet());
        stream.complaints(80, customers);
        List<EventStream.Event> published = stream.shuffledWithDuplicates(0.25);
        EventStream.publish(published);
        Expected expected = Expected.of(stream);

        Ingestion.awaitCaughtUp(generations, offsets);
        assertEquals(expected.totalReceived + "/" + expected.totalResolved + "/" + expected.totalNew, totals());

        Figures.assertSlaPerDay(expected, FROM, TO);
        Figures.assertCustomersPerDay(expected, FROM, TO, 0L);

        // the pyramid at the end
        List<Map<String, Object>> tiers = given().queryParam("from", FROM).queryParam("to", TO)
                .get("/analytics/customers/value").then().statusCode(200).extract().path("rows");
        assertEquals(List.of("PLATINUM", "GOLD", "IRON", "LEAD"), tiers.stream().map(r -> r.get("tier")).toList());
        for (Map<String, Object> row : tiers) {
            assertEquals(expected.tierCount.getOrDefault((String) row.get("tier"), 0L), Figures.num(row, "customers"),
                    "customers in " + row.get("tier"));
            Figures.assertMoney(expected.tierRevenue.getOrDefault((String) row.get("tier"), BigDecimal.ZERO), row.get("revenue"),
                    "revenue of " + row.get("tier"));
        }

        Figures.assertRetention(expected, FROM, TO);

        // the backlog moved by the complaints still open
        Map<String, Object> backlogAfter = backlog();
        for (String state : List.of("onTrack", "atRisk", "breached")) {
            assertEquals(expected.backlog.getOrDefault(state, 0L), Figures.num(backlogAfter, state) - Figures.num(backlogBefore, state),
                    "backlog " + state);
        }
    }

    private static String totals() {
        List<Map<String, Object>> rows = given().queryParam("from", FROM).queryParam("to", TO)
                .queryParam("granularity", "month").get("/analytics/complaints/sla").then().extract().path("rows");
        long received = rows.stream().mapToLong(r -> Figures.num(r, "received")).sum();
        long resolved = rows.stream().mapToLong(r -> Figures.num(r, "resolved")).sum();
        List<Map<String, Object>> customers = given().queryParam("from", FROM).queryParam("to", TO)
                .queryParam("granularity", "month").get("/analytics/customers/indicators").then().extract().path("rows");
        long added = customers.stream().mapToLong(r -> Figures.num(r, "new")).sum();
        return received + "/" + resolved + "/" + added;
    }

    private static Map<String, Object> backlog() {
        return given().get("/analytics/complaints/backlog").then().statusCode(200).extract().path("rows[0]");
    }




}
