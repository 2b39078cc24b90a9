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
        assertEquals(expected.totalReceived + "/" + expected.totalResolved + "/"
                + expected.customers.period(LocalDate.parse(FROM), LocalDate.parse(TO)).added, totals());

        Figures.assertSlaPerDay(expected, FROM, TO);
        Figures.assertCustomerPeriods(expected, FROM, TO, "day", true);
        Figures.assertCustomerPeriods(expected, "2024-03-01", "2024-04-01", "month", true);
        Figures.assertValue(expected, FROM, TO);
        Figures.assertValue(expected, "2024-03-06", "2024-03-11");
        Figures.assertChurn(expected, "2024-03-01", "2024-04-01", "month");

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
