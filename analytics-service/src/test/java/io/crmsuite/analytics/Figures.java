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
            LocalDate date = LocalDate.parse(day);
            long purchases = expected.customers.period(date, date.plusDays(1)).purchases;
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
     * Customer indicators per period of {@code granularity} ("day" or "month"; a month's range must cover whole
     * months), compared with the plain recomputation; {@code baseKnown} when no other test's customer counts.
     */
    static void assertCustomerPeriods(Expected expected, String from, String to, String granularity, boolean baseKnown) {
        List<Map<String, Object>> rows = given().queryParam("from", from).queryParam("to", to)
                .queryParam("granularity", granularity).get("/analytics/customers/indicators").then().statusCode(200)
                .extract().path("rows");
        LocalDate start = LocalDate.parse(from);
        for (Map<String, Object> row : rows) {
            String period = (String) row.get("period");
            LocalDate a = granularity.equals("month") ? LocalDate.parse(period + "-01") : LocalDate.parse(period);
            LocalDate b = granularity.equals("month") ? a.plusMonths(1) : a.plusDays(1);
            assertEquals(start, a, "periods follow each other");
            start = b;
            ExpectedCustomers.Row e = expected.customers.period(a, b);
            if (baseKnown) {
                assertEquals(e.customersAtStart, num(row, "customersAtStart"), period + " customers at start");
                assertEquals(e.customersAtEnd, num(row, "customersAtEnd"), period + " customers at end");
                assertEquals(e.retained, num(row, "retained"), period + " retained");
                assertEquals(e.customersAtStart == 0 ? null : round((double) e.retained / e.customersAtStart, 4),
                        dbl(row, "retentionRate", 4), period + " retention rate");
            }
            assertEquals(e.registered, num(row, "registered"), period + " registered");
            assertEquals(e.added, num(row, "new"), period + " new");
            assertEquals(e.churned, num(row, "churned"), period + " churned");
            assertEquals(e.upgraded, num(row, "upgraded"), period + " upgraded");
            assertEquals(e.downgraded, num(row, "downgraded"), period + " downgraded");
            assertEquals(e.reactivated, num(row, "reactivated"), period + " reactivated");
            assertEquals(e.purchases, num(row, "purchases"), period + " purchases");
            assertMoney(e.revenue, row.get("revenue"), period + " revenue");
            assertMoney(e.profit, row.get("profit"), period + " profit");
        }
        assertEquals(LocalDate.parse(to), start, "one row per period, empty ones too");
    }

    /** Value per tier over [from, to), customers under their tier at the end. */
    static void assertValue(Expected expected, String from, String to) {
        Map<String, Object> answer = given().queryParam("from", from).queryParam("to", to)
                .get("/analytics/customers/value").then().statusCode(200).extract().path("");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) answer.get("rows");
        assertEquals(List.of("PLATINUM", "GOLD", "IRON", "LEAD"), rows.stream().map(r -> r.get("tier")).toList());
        Map<String, ExpectedCustomers.TierValue> tiers = expected.customers.value(LocalDate.parse(from), LocalDate.parse(to));
        for (Map<String, Object> row : rows) {
            String tier = (String) row.get("tier");
            ExpectedCustomers.TierValue e = tiers.get(tier);
            assertEquals(e.customers, num(row, "customers"), tier + " customers");
            assertMoney(e.revenue, row.get("revenue"), tier + " revenue");
            assertMoney(e.profit, row.get("profit"), tier + " profit");
            assertEquals(e.customersAtStart, num(row, "customersAtStart"), tier + " customers at start");
            assertEquals(e.retained, num(row, "retained"), tier + " retained");
        }
        List<BigDecimal> perBuyer = new java.util.ArrayList<>(expected.customers.revenuePerBuyer(LocalDate.parse(from),
                LocalDate.parse(to)));
        perBuyer.sort(java.util.Comparator.reverseOrder());
        BigDecimal total = perBuyer.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal top = perBuyer.subList(0, (perBuyer.size() + 4) / 5).stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(perBuyer.size(), num(answer, "buyers"), "buyers in the range");
        assertEquals(perBuyer.isEmpty() ? null : round(top.doubleValue() / total.doubleValue(), 4),
                dbl(answer, "revenueShareOfTop20PercentCustomers", 4), "revenue share of the top fifth");
    }

    /** Customers lost per reason and competitor over [from, to) in one period of the given granularity. */
    static void assertChurn(Expected expected, String from, String to, String granularity) {
        List<Map<String, Object>> rows = given().queryParam("from", from).queryParam("to", to)
                .queryParam("granularity", granularity).get("/analytics/customers/churn").then().statusCode(200)
                .extract().path("rows");
        Map<String, Object[]> e = expected.customers.churn(LocalDate.parse(from), LocalDate.parse(to));
        assertEquals(e.keySet(), rows.stream().map(r -> r.get("reason") + "/" + r.get("competitor"))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)), "reasons and competitors");
        for (Map<String, Object> row : rows) {
            Object[] sums = e.get(row.get("reason") + "/" + row.get("competitor"));
            assertEquals((Long) sums[0], num(row, "customers"), row + " customers");
            assertMoney((BigDecimal) sums[1], row.get("revenueInPrior12Months"), row + " revenue");
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
