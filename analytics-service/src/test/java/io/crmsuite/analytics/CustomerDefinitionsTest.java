package io.crmsuite.analytics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.crmsuite.analytics.ingest.GroupOffsets;
import io.crmsuite.analytics.store.Generations;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The customer definitions of the README on small stories whose figures are worked out by hand in the comments.
 * Every customer here leaves the base (erased) by mid-year, so later tests' bases start empty.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerDefinitionsTest {

    @Inject
    Generations generations;
    @Inject
    GroupOffsets offsets;

    /**
     * January and February 2022. In the base before January: A (since Dec 5), B (since 2020), F (Dec 2), G (Dec 3);
     * C churned on Dec 20.
     */
    @BeforeAll
    void publishTheStories() throws Exception {
        Story a = Story.registered("2021-12-01T09:00:00Z", "north", "LEAD")
                .purchase("2021-12-05T10:00:00Z", "100.00", "10.00")
                .tier("2022-01-10T08:00:00Z", "GOLD")
                .movedTo("2022-01-18T12:00:00Z", "east")
                .tier("2022-01-20T08:00:00Z", "PLATINUM")
                .tier("2022-02-05T08:00:00Z", "GOLD") // and back: no move in February
                .tier("2022-02-15T08:00:00Z", "PLATINUM");
        Story b = Story.registered("2020-11-20T09:00:00Z", "north", "LEAD")
                .purchase("2020-12-01T10:00:00Z", "100.00", "10.00")
                .purchase("2021-12-10T10:00:00Z", "250.00", "25.00")
                .churn("2022-01-15T10:00:00Z", "COMPETITOR_PRICE", "ACME")
                .purchaseRecordedAt("2022-01-16T10:00:00Z", "2021-06-01T10:00:00Z", "40.00", "4.00");
        Story c = Story.registered("2021-12-01T09:00:00Z", "south", "LEAD")
                .purchase("2021-12-12T10:00:00Z", "50.00", "5.00")
                .churn("2021-12-20T10:00:00Z", "INACTIVE", null)
                .purchase("2022-01-10T09:00:00Z", "70.00", "7.00")
                .reactivated("2022-01-10T09:00:00Z")
                .tier("2022-02-10T08:00:00Z", "IRON");
        Story d = Story.registered("2022-01-03T09:00:00Z", "south", "LEAD", a.id)
                .purchase("2022-01-04T10:00:00Z", "30.00", "3.00")
                .tier("2022-01-25T08:00:00Z", "IRON") // and back within January: no move
                .tier("2022-01-28T08:00:00Z", "LEAD");
        Story e = Story.registered("2022-01-05T09:00:00Z", "north", "LEAD"); // a prospect: registered, not in the base
        Story f = Story.registered("2021-12-01T09:00:00Z", "north", "LEAD")
                .purchase("2021-12-02T10:00:00Z", "20.00", "2.00")
                .erased("2022-01-20T10:00:00Z");
        Story g = Story.registered("2021-12-01T09:00:00Z", "south", "LEAD")
                .purchase("2021-12-03T10:00:00Z", "80.00", "8.00")
                .churn("2022-01-05T10:00:00Z", "INACTIVE", null)
                .purchase("2022-01-25T09:00:00Z", "60.00", "6.00")
                .reactivated("2022-01-25T09:00:00Z")
                .tier("2022-01-26T08:00:00Z", "GOLD")
                .tier("2022-02-20T08:00:00Z", "LEAD");
        Story h = Story.registered("2022-01-20T09:00:00Z", "east", "LEAD")
                .purchase("2022-02-10T10:00:00Z", "90.00", "9.00")
                // recorded late: H's first purchase is in January, so H is new in January, not February
                .purchaseRecordedAt("2022-02-11T10:00:00Z", "2022-01-30T10:00:00Z", "10.00", "1.00");
        List<Story> stories = List.of(a, b, c, d, e, f, g, h);
        stories.stream().filter(s -> s != f).forEach(s -> s.erased("2022-06-01T00:00:00Z"));
        List<Story> all = new ArrayList<>(stories);
        all.addAll(pyramid());
        Ingestion.awaitCaughtUp(generations, offsets);
        Story.publish(all);
        Ingestion.awaitCaughtUp(generations, offsets);
    }

    @Test
    void januaryCountsTheBaseNotTheRegistrations() {
        Map<String, Object> jan = indicators("2022-01-01", "2022-03-01", "month", null).get(0);
        assertEquals("2022-01", jan.get("period"));
        // at start A, B, F, G; new D (Jan 4) and H (Jan 30, recorded late); back C (Jan 10), G (Jan 25)
        // out: G (churned Jan 5), B (churned Jan 15), F (erased Jan 20); retained A alone
        assertEquals(4, Figures.num(jan, "customersAtStart"));
        assertEquals(3, Figures.num(jan, "registered")); // D, E, H
        assertEquals(2, Figures.num(jan, "new"));
        assertEquals(0.5, Figures.dbl(jan, "newRate", 4)); // 2 / 4
        assertEquals(0.5, Figures.dbl(jan, "referredShare", 4)); // D of D and H
        assertEquals(2, Figures.num(jan, "reactivated"));
        assertEquals(2, Figures.num(jan, "churned"));
        assertEquals(1, Figures.num(jan, "erased"));
        assertEquals(1, Figures.num(jan, "retained"));
        assertEquals(0.25, Figures.dbl(jan, "retentionRate", 4)); // = (end 5 - new 2 - reactivated 2) / 4
        assertEquals(5, Figures.num(jan, "customersAtEnd")); // A, C, D, G, H
        // tier on Feb 1 against Jan 1: A LEAD -> PLATINUM, G LEAD -> GOLD; D went up and back
        assertEquals(2, Figures.num(jan, "upgraded"));
        assertEquals(0, Figures.num(jan, "downgraded"));
        assertEquals(0.5, Figures.dbl(jan, "upgradeRate", 4));
        // D 30 + C 70 + G 60 + H 10 (dated Jan 30); B's late purchase is dated June 2021
        assertEquals(4, Figures.num(jan, "purchases"));
        Figures.assertMoney(new java.math.BigDecimal("170.00"), jan.get("revenue"), "January revenue");
        Figures.assertMoney(new java.math.BigDecimal("17.00"), jan.get("profit"), "January profit");
        assertEquals(3.4, Figures.dbl(jan, "averageProfitPerCustomer", 2)); // 17 / 5
    }

    @Test
    void februaryMovesAreJudgedOnTheTierAtTheEndAgainstTheStart() {
        Map<String, Object> feb = indicators("2022-01-01", "2022-03-01", "month", null).get(1);
        assertEquals("2022-02", feb.get("period"));
        assertEquals(5, Figures.num(feb, "customersAtStart"));
        assertEquals(0, Figures.num(feb, "new")); // H's first purchase moved to January
        assertEquals(5, Figures.num(feb, "retained"));
        assertEquals(1.0, Figures.dbl(feb, "retentionRate", 4));
        // C LEAD -> IRON; G GOLD -> LEAD; A PLATINUM -> GOLD -> PLATINUM is neither
        assertEquals(1, Figures.num(feb, "upgraded"));
        assertEquals(1, Figures.num(feb, "downgraded"));
    }

    @Test
    void groupedByTierTheStartCountsUnderTheTierThen() {
        Map<String, Map<String, Object>> byTier = indicators("2022-02-01", "2022-03-01", "month", "tier").stream()
                .collect(Collectors.toMap(r -> (String) r.get("tier"), r -> r));
        // on Feb 1: A PLATINUM, G GOLD, C D H LEAD; on Mar 1: A PLATINUM, C IRON, D G H LEAD
        assertEquals(List.of(1L, 1L, 0L, 3L), List.of(start(byTier, "PLATINUM"), start(byTier, "GOLD"),
                start(byTier, "IRON"), start(byTier, "LEAD")));
        assertEquals(List.of(1L, 0L, 1L, 3L), List.of(end(byTier, "PLATINUM"), end(byTier, "GOLD"),
                end(byTier, "IRON"), end(byTier, "LEAD")));
        assertEquals(1, Figures.num(byTier.get("GOLD"), "downgraded")); // G, GOLD at the start
        assertEquals(1, Figures.num(byTier.get("LEAD"), "upgraded")); // C, LEAD at the start
        assertEquals(0, Figures.num(byTier.get("PLATINUM"), "downgraded"));
    }

    @Test
    void groupedByRegionRetentionStaysWithTheRegionAtTheStart() {
        Map<String, Map<String, Object>> byRegion = indicators("2022-01-01", "2022-02-01", "month", "region").stream()
                .collect(Collectors.toMap(r -> (String) r.get("region"), r -> r));
        // north at start: A, B, F; B and F left, A moved east on Jan 18 and stays retained in north
        Map<String, Object> north = byRegion.get("north");
        assertEquals(3, Figures.num(north, "customersAtStart"));
        assertEquals(1, Figures.num(north, "retained"));
        assertEquals(0, Figures.num(north, "customersAtEnd"));
        assertEquals(1, Figures.num(north, "churned"));
        assertEquals(1, Figures.num(north, "erased"));
        assertEquals(1, Figures.num(north, "registered")); // E
        Map<String, Object> east = byRegion.get("east"); // A moved in, H new
        assertEquals(0, Figures.num(east, "customersAtStart"));
        assertEquals(2, Figures.num(east, "customersAtEnd"));
        assertEquals(1, Figures.num(east, "new"));
        assertEquals(null, east.get("retentionRate"));
        Map<String, Object> south = byRegion.get("south"); // G at start, churned; C and G back, D new
        assertEquals(1, Figures.num(south, "customersAtStart"));
        assertEquals(0, Figures.num(south, "retained"));
        assertEquals(2, Figures.num(south, "reactivated"));
        assertEquals(3, Figures.num(south, "customersAtEnd"));
    }

    @Test
    void churnShowsWhoWasLostToWhomAndTheirYearOfRevenue() {
        List<Map<String, Object>> rows = given().queryParam("from", "2021-12-01").queryParam("to", "2022-02-01")
                .queryParam("granularity", "month").get("/analytics/customers/churn").then().statusCode(200)
                .extract().path("rows");
        assertEquals(3, rows.size(), rows.toString());
        // December: C (INACTIVE), its 50.00 of Dec 12
        assertRow(rows.get(0), "2021-12", "INACTIVE", null, 1, "50.00");
        // January: B to ACME: 250.00 (Dec 10) + 40.00 (dated June 1, recorded after the churn); not 2020's 100.00
        assertRow(rows.get(1), "2022-01", "COMPETITOR_PRICE", "ACME", 1, "290.00");
        // January: G (INACTIVE): 80.00 of Dec 3
        assertRow(rows.get(2), "2022-01", "INACTIVE", null, 1, "80.00");
    }

    /**
     * The scenario: 100 customers, 20 buyers with distinct revenue (buyer i bought i x 100.00 on March 2,
     * 2019, margin i x 10.00) ranked on March 10 into 1 PLATINUM, 3 GOLD, 6 IRON, 10 LEAD; 80 prospects. In
     * April buyer 18 buys 300.00 (margin 60.00) and buyer 17 is lost to ACME.
     */
    private static List<Story> pyramid() {
        List<Story> stories = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            Story s = Story.registered("2019-03-01T08:00:00Z", "north", "LEAD")
                    .purchase("2019-03-02T10:00:00Z", i * 100 + ".00", i * 10 + ".00");
            String tier = i == 20 ? "PLATINUM" : i >= 17 ? "GOLD" : i >= 11 ? "IRON" : null;
            if (tier != null) {
                s.tier("2019-03-10T03:00:00Z", tier);
            }
            if (i == 18) {
                s.purchase("2019-04-05T10:00:00Z", "300.00", "60.00");
            }
            if (i == 17) {
                s.churn("2019-04-15T10:00:00Z", "COMPETITOR_PRICE", "ACME");
            }
            stories.add(s.erased("2019-06-01T00:00:00Z"));
        }
        for (int i = 0; i < 80; i++) {
            stories.add(Story.registered("2019-03-01T08:00:00Z", "north", "LEAD"));
        }
        return stories;
    }

    @Test
    void theTopTierHoldsItsCustomersWholeRevenue() {
        Map<String, Object> answer = value("2019-03-01", "2019-04-01", null, null);
        Map<String, Map<String, Object>> t = byTier(answer);
        // customers 1 / 3 / 6 / 10 of 20 in the base; revenue 2000 / 5400 (19+18+17) / 8100 (16..11) / 5500 (10..1)
        assertEquals(List.of(1L, 3L, 6L, 10L), List.of(Figures.num(t.get("PLATINUM"), "customers"),
                Figures.num(t.get("GOLD"), "customers"), Figures.num(t.get("IRON"), "customers"),
                Figures.num(t.get("LEAD"), "customers")));
        Figures.assertMoney(new java.math.BigDecimal("2000.00"), t.get("PLATINUM").get("revenue"), "PLATINUM");
        Figures.assertMoney(new java.math.BigDecimal("5400.00"), t.get("GOLD").get("revenue"), "GOLD");
        Figures.assertMoney(new java.math.BigDecimal("8100.00"), t.get("IRON").get("revenue"), "IRON");
        Figures.assertMoney(new java.math.BigDecimal("5500.00"), t.get("LEAD").get("revenue"), "LEAD");
        assertEquals(0.0952, Figures.dbl(t.get("PLATINUM"), "revenueShare", 4)); // 2000 / 21000
        assertEquals(0.05, Figures.dbl(t.get("PLATINUM"), "customerShare", 4)); // 1 / 20
        Figures.assertMoney(new java.math.BigDecimal("200.00"), t.get("PLATINUM").get("profit"), "PLATINUM profit");
        assertEquals(20, Figures.num(answer, "buyers"));
        assertEquals(0.3524, Figures.dbl(answer, "revenueShareOfTop20PercentCustomers", 4)); // 7400 / 21000

        // booked at purchase, everything was LEAD's: the view the issue complained about, kept as an option
        Map<String, Map<String, Object>> atPurchase = byTier(value("2019-03-01", "2019-04-01", "at-purchase", null));
        Figures.assertMoney(new java.math.BigDecimal("21000.00"), atPurchase.get("LEAD").get("revenue"), "LEAD");
        Figures.assertMoney(java.math.BigDecimal.ZERO, atPurchase.get("PLATINUM").get("revenue"), "PLATINUM");
    }

    @Test
    void lifetimeValueComesFromTheTiersRetentionAndProfit() {
        Map<String, Map<String, Object>> t = byTier(value("2019-04-01", "2019-05-01", null, null));
        // GOLD: 3 at the start (17, 18, 19), 17 lost: retention 2/3, tenure 3 ranges; profit 60.00 over 2 customers
        Map<String, Object> gold = t.get("GOLD");
        assertEquals(3, Figures.num(gold, "customersAtStart"));
        assertEquals(2, Figures.num(gold, "retained"));
        assertEquals(0.6667, Figures.dbl(gold, "retentionRate", 4));
        assertEquals(3.0, Figures.dbl(gold, "expectedTenurePeriods", 2));
        assertEquals(30.0, Figures.dbl(gold, "averageProfitPerCustomer", 2));
        assertEquals(90.0, Figures.dbl(gold, "lifetimeValue", 2)); // 30 / (1 - 2/3)
        assertEquals(null, t.get("PLATINUM").get("expectedTenurePeriods")); // retention 1: no end in sight
        // discounted: 30 x 1.1 / (1.1 - 2/3) = 76.1538...
        Map<String, Map<String, Object>> discounted = byTier(value("2019-04-01", "2019-05-01", null, "0.1"));
        assertEquals(76.15, Figures.dbl(discounted.get("GOLD"), "lifetimeValue", 2));
        assertEquals(0.0, Figures.dbl(discounted.get("PLATINUM"), "lifetimeValue", 2)); // 0 x 1.1 / 0.1
    }

    @Test
    void badParametersAreNamed() {
        given().queryParam("groupBy", "name").get("/analytics/customers/indicators").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.is("groupBy"));
        given().queryParam("basis", "lifetime").get("/analytics/customers/value").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.is("basis"));
        given().queryParam("discountRate", "1.5").get("/analytics/customers/value").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.is("discountRate"));
    }

    private static void assertRow(Map<String, Object> row, String period, String reason, String competitor,
            long customers, String revenue) {
        assertEquals(period, row.get("period"));
        assertEquals(reason, row.get("reason"));
        assertEquals(competitor, row.get("competitor"));
        assertEquals(customers, Figures.num(row, "customers"));
        Figures.assertMoney(new java.math.BigDecimal(revenue), row.get("revenueInPrior12Months"), period + " " + reason);
    }

    private static List<Map<String, Object>> indicators(String from, String to, String granularity, String groupBy) {
        var request = given().queryParam("from", from).queryParam("to", to).queryParam("granularity", granularity);
        if (groupBy != null) {
            request = request.queryParam("groupBy", groupBy);
        }
        return request.get("/analytics/customers/indicators").then().statusCode(200).extract().path("rows");
    }

    private static Map<String, Object> value(String from, String to, String basis, String discountRate) {
        var request = given().queryParam("from", from).queryParam("to", to);
        if (basis != null) {
            request = request.queryParam("basis", basis);
        }
        if (discountRate != null) {
            request = request.queryParam("discountRate", discountRate);
        }
        return request.get("/analytics/customers/value").then().statusCode(200).extract().path("");
    }

    private static Map<String, Map<String, Object>> byTier(Map<String, Object> answer) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) answer.get("rows");
        return rows.stream().collect(Collectors.toMap(r -> (String) r.get("tier"), r -> r));
    }

    private static long start(Map<String, Map<String, Object>> rows, String key) {
        return rows.containsKey(key) ? Figures.num(rows.get(key), "customersAtStart") : 0;
    }

    private static long end(Map<String, Map<String, Object>> rows, String key) {
        return rows.containsKey(key) ? Figures.num(rows.get(key), "customersAtEnd") : 0;
    }
}
