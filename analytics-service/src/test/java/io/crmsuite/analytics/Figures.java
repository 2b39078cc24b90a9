package io.crmsuite.analytics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Compares the service's answers over a date range with an {@link Expected} recomputation, field by field. */
final class Figures {

    private Figures() {
    }

    /** The 24-hour rule per day: one row per day of [from, to), empty days too. */
    static void assertSlaPerDay(Expected expected, String from, String to) {
        List<Map<String, Object>> rows = given().queryParam("from", from).queryParam("to", to)
                .get("/analytics/complaints/sla").then().statusCode(200).extract().path("rows");
        assertEquals(LocalDate.parse(from).datesUntil(LocalDate.parse(to)).map(LocalDate::toString).toList(),
                rows.stream().map(r -> r.get("period")).toList(), "one row per day, empty days too");
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
            assertEquals(e.resolved == 0 ? null : round((double) e.met / e.resolved, 4),
                    dbl(row, "shareResolvedWithinTarget", 4), day + " share within target");
            assertEquals(e.satCount == 0 ? null : round((double) e.satSum / e.satCount, 2),
                    dbl(row, "averageSatisfaction", 2), day + " satisfaction");
            assertEquals(e.resolved == 0 ? null : round(e.resSeconds / 3600.0 / e.resolved, 2),
                    dbl(row, "averageResolutionHours", 2), day + " average resolution");
            assertEquals(round(Percentiles.of(e.resolutionSeconds, 0.5), 2), dbl(row, "medianResolutionHours", 2),
                    day + " median");
            assertEquals(round(Percentiles.of(e.resolutionSeconds, 0.9), 2), dbl(row, "p90ResolutionHours", 2),
                    day + " p90");
            assertEquals(round(Percentiles.of(e.firstResponseSeconds, 0.5), 2), dbl(row, "medianFirstResponseHours", 2),
                    day + " first response");
            assertEquals(e.resolved == 0 ? null : round((double) e.within24h / e.resolved, 4),
                    dbl(row, "shareResolvedWithin24h", 4), day + " share within 24h");
            assertEquals(e.within24hWallClock, num(row, "resolvedWithin24hWallClock"), day + " within 24h wall clock");
            assertEquals(e.resolvedAfterReopen, num(row, "resolvedAfterReopen"), day + " resolved after reopen");
            assertEquals(e.dueInPeriod, num(row, "dueInPeriod"), day + " due in period");
            assertEquals(e.metInPeriod, num(row, "metInPeriod"), day + " met in period");
            assertEquals(e.dueInPeriod == 0 ? null : round((double) e.metInPeriod / e.dueInPeriod, 4),
                    dbl(row, "shareMetInPeriod", 4), day + " share met in period");
            assertMoney(e.compensation, row.get("compensationTotal"), day + " compensation");
            long purchases = expected.customers.getOrDefault(day, new Expected.Customers()).purchases;
            assertEquals(purchases == 0 ? null : round(e.received * 1000.0 / purchases, 2),
                    dbl(row, "complaintsPerThousandPurchases", 2), day + " complaints per 1,000 purchases");
            assertEquals(e.satCount, num(row, "satisfactionResponses"), day + " satisfaction responses");
            assertEquals(e.wouldBuyAgainAnswered == 0 ? null
                    : round((double) e.wouldBuyAgainYes / e.wouldBuyAgainAnswered, 4),
                    dbl(row, "wouldBuyAgainShare", 4), day + " would buy again");
            for (int score = 1; score <= 5; score++) {
                assertEquals(e.scores[score], num(row, "satisfaction" + score), day + " satisfaction " + score);
            }
        }
    }

    /**
     * Customers per day; {@code startBase} is the number of customers before {@code from} when the test knows it
     * (null when other tests' customers count too).
     */
    static void assertCustomersPerDay(Expected expected, String from, String to, Long startBase) {
        List<Map<String, Object>> rows = given().queryParam("from", from).queryParam("to", to)
                .get("/analytics/customers/indicators").then().statusCode(200).extract().path("rows");
        assertEquals(LocalDate.parse(from).datesUntil(LocalDate.parse(to)).count(), rows.size(), "one row per day");
        Long base = startBase;
        for (Map<String, Object> row : rows) {
            String day = (String) row.get("period");
            Expected.Customers e = expected.customers.getOrDefault(day, new Expected.Customers());
            if (base != null) {
                assertEquals(base, num(row, "customersAtStart"), day + " customers at start");
            }
            assertEquals(e.added, num(row, "new"), day + " new");
            assertEquals(e.churned, num(row, "churned"), day + " churned");
            assertEquals(e.upgraded, num(row, "upgraded"), day + " upgraded");
            assertEquals(e.downgraded, num(row, "downgraded"), day + " downgraded");
            assertEquals(e.reactivated, num(row, "reactivated"), day + " reactivated");
            assertMoney(e.revenue, row.get("revenue"), day + " revenue");
            assertMoney(e.profit, row.get("profit"), day + " profit");
            if (base != null) {
                base += e.added - e.churned + e.reactivated;
                assertEquals(base, num(row, "customersAtEnd"), day + " customers at end");
            }
        }
    }

    /** Retention by resolution over the range, which lies in one month. */
    static void assertRetention(Expected expected, String from, String to) {
        List<Map<String, Object>> rows = given().queryParam("from", from).queryParam("to", to)
                .queryParam("granularity", "month").get("/analytics/retention/by-resolution").then().statusCode(200)
                .extract().path("rows");
        assertEquals(List.of("WITHIN_24H", "LATER", "UNRESOLVED"), rows.stream().map(r -> r.get("resolution")).toList());
        for (Map<String, Object> row : rows) {
            String cls = (String) row.get("resolution");
            assertEquals(expected.complainants.getOrDefault(cls, 0L), num(row, "complainants"), cls + " complainants");
            assertEquals(expected.boughtAgain.getOrDefault(cls, 0L), num(row, "boughtAgain"), cls + " bought again");
        }
    }

    static void assertMoney(BigDecimal expected, Object actual, String what) {
        assertEquals(0, expected.compareTo(new BigDecimal(actual.toString())), what + ": " + expected + " vs " + actual);
    }

    static long num(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).longValue();
    }

    /** A decimal of the answer, as the service rounded it (JSON numbers may come back as floats). */
    static Double dbl(Map<String, Object> row, String key, int decimals) {
        return row.get(key) == null ? null : round(Double.valueOf(row.get(key).toString()), decimals);
    }

    static Double round(Double v, int decimals) {
        if (v == null) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }
}
