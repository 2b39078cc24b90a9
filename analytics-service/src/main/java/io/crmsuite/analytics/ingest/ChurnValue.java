package io.crmsuite.analytics.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.bson.Document;

import io.crmsuite.analytics.store.Increments;

/**
 * Customers lost per churn reason and competitor, and the revenue they brought in the 12 months before:
 * {@code ch.<reason>.<competitor>.customers} and {@code .revenueCents} on the day of the churn. The 12 months are
 * the days after the same day a year earlier up to the day of the churn. A purchase recorded later but dated
 * within them (and before the churn) adds to the churn's revenue.
 */
final class ChurnValue {

    /** Days of purchases kept per customer: a year and some margin for purchases recorded late. */
    static final int KEEP_DAYS = 400;

    private ChurnValue() {
    }

    static void churned(CustomerState s, Increments inc, Instant at, String reason, String competitor) {
        Document churn = new Document("at", at.toString()).append("reason", Increments.key(reason))
                .append("competitor", competitor == null || competitor.isBlank() ? Increments.NONE
                        : Increments.key(competitor));
        s.setChurn(churn);
        String prefix = prefix(churn);
        inc.add(at, prefix + ".customers", 1);
        LocalDate day = day(at);
        long revenue = 0;
        for (var entry : s.revenueByDay().entrySet()) {
            if (withinYearBefore(LocalDate.parse(entry.getKey()), day)) {
                revenue += ((Number) entry.getValue()).longValue();
            }
        }
        inc.add(at, prefix + ".revenueCents", revenue);
    }

    static void purchase(CustomerState s, Increments inc, Instant at, long revenueCents) {
        LocalDate day = day(at);
        Document byDay = s.revenueByDay();
        byDay.merge(day.toString(), revenueCents, (a, b) -> ((Number) a).longValue() + ((Number) b).longValue());
        LocalDate newest = byDay.keySet().stream().map(LocalDate::parse).max(LocalDate::compareTo).orElse(day);
        byDay.keySet().removeIf(d -> LocalDate.parse(d).isBefore(newest.minusDays(KEEP_DAYS)));
        s.setRevenueByDay(byDay);
        Document churn = s.churn();
        Instant churnedAt = churn == null ? null : Instant.parse(churn.getString("at"));
        if (churnedAt != null && !at.isAfter(churnedAt) && withinYearBefore(day, day(churnedAt))) {
            inc.add(churnedAt, prefix(churn) + ".revenueCents", revenueCents);
        }
    }

    private static boolean withinYearBefore(LocalDate purchase, LocalDate churn) {
        return purchase.isAfter(churn.minusYears(1)) && !purchase.isAfter(churn);
    }

    private static String prefix(Document churn) {
        return "ch." + churn.getString("reason") + "." + churn.getString("competitor");
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
