package io.crmsuite.analytics.indicators;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bson.Document;

import io.crmsuite.analytics.store.Generation;
import io.crmsuite.analytics.store.Increments;
import io.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The customer indicators of DOMAIN.md over the base of active customers (bought at least once, not churned, not
 * erased), per period, from the day counters the customer projection writes; and the customers lost per churn
 * reason and competitor.
 */
@ApplicationScoped
public class CustomerIndicators {

    public static final List<String> GROUPS = List.of("region", "businessCategory", "kind", "tier", "accountOwner");
    public static final List<String> INDICATOR_COLUMNS = List.of("period", "customersAtStart", "registered", "new",
            "newRate", "referredShare", "reactivated", "churned", "churnRate", "erased", "retained", "retentionRate",
            "upgraded", "upgradeRate", "downgraded", "downgradeRate", "customersAtEnd", "purchases", "revenue",
            "profit", "averageProfitPerCustomer");
    public static final List<String> CHURN_COLUMNS = List.of("period", "reason", "competitor", "customers",
            "revenueInPrior12Months");

    /**
     * Per period (and group): customers at start and end (the base), registered, new (first purchase in the
     * period), reactivated, churned, erased, retained (in the base since before the period and never out of it
     * during it), upgraded and downgraded (tier at the period's end above or below its tier at the start), each
     * rate over the customers at start; purchases, revenue, profit.
     */
    public Table indicators(Generation g, Range range, Period period, String groupBy) {
        String dim = groupBy == null || groupBy.isBlank() ? "all" : groupBy.trim();
        if (!dim.equals("all") && !GROUPS.contains(dim)) {
            throw ProblemException.badField("groupBy", "one of " + String.join(", ", GROUPS) + " (or nothing)");
        }
        Map<String, Long> base = new TreeMap<>();
        Daily.before(g, range.from(), "u." + dim).forEach(day -> addActive(base, Daily.path(day, "u", dim)));
        List<Document> days = Daily.between(g, range.from(), range.to(), "u." + dim);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LocalDate[] slice : period.slices(range.from(), range.to())) {
            Map<String, Counters> groups = new TreeMap<>();
            for (Document day : days) {
                LocalDate d = Daily.dayOf(day);
                if (!d.isBefore(slice[1]) && d.isBefore(slice[2]) && Daily.path(day, "u", dim) != null) {
                    Daily.path(day, "u", dim).forEach((value, counters) -> groups
                            .computeIfAbsent(value, v -> new Counters()).add((Document) counters));
                }
            }
            TreeSet<String> values = new TreeSet<>(groups.keySet());
            base.forEach((value, n) -> {
                if (n != 0) {
                    values.add(value);
                }
            });
            if (values.isEmpty() && dim.equals("all")) {
                values.add("_");
            }
            for (String value : values) {
                Counters c = groups.getOrDefault(value, new Counters());
                long start = base.getOrDefault(value, 0L);
                long end = start + c.get("active");
                rows.add(row(period, slice[0], dim, value, c, start, end));
                base.put(value, end);
            }
        }
        List<String> columns = new ArrayList<>(INDICATOR_COLUMNS);
        if (!dim.equals("all")) {
            columns.add(1, dim);
        }
        return new Table(g.asOf(), period.name().toLowerCase(), columns, rows, null);
    }

    private static Map<String, Object> row(Period period, LocalDate sliceStart, String dim, String value, Counters c,
            long start, long end) {
        Map<String, Object> row = Table.row();
        row.put("period", period.label(sliceStart));
        if (!dim.equals("all")) {
            row.put(dim, value);
        }
        long retained = start - c.get("lost" + period.name());
        row.put("customersAtStart", start);
        row.put("registered", c.get("registered"));
        rate(row, "new", "newRate", c.get("new"), start);
        row.put("referredShare", Counters.ratio(c.get("newReferred"), c.get("new"), 4));
        row.put("reactivated", c.get("reactivated"));
        rate(row, "churned", "churnRate", c.get("churned"), start);
        row.put("erased", c.get("erased"));
        rate(row, "retained", "retentionRate", retained, start);
        rate(row, "upgraded", "upgradeRate", c.get("up" + period.name()), start);
        rate(row, "downgraded", "downgradeRate", c.get("down" + period.name()), start);
        row.put("customersAtEnd", end);
        row.put("purchases", c.get("purchases"));
        row.put("revenue", money(c.get("revenueCents")));
        row.put("profit", money(c.get("marginCents")));
        row.put("averageProfitPerCustomer", end == 0 ? null : Counters.round(c.get("marginCents") / 100.0 / end, 2));
        return row;
    }

    /** Per period, reason and competitor: customers lost to churn and the revenue of their 12 months before. */
    public Table churn(Generation g, Range range, Period period) {
        List<Document> days = Daily.between(g, range.from(), range.to(), "ch");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LocalDate[] slice : period.slices(range.from(), range.to())) {
            Map<String, Map<String, Counters>> byReason = new TreeMap<>();
            for (Document day : days) {
                LocalDate d = Daily.dayOf(day);
                Document churns = Daily.path(day, "ch");
                if (!d.isBefore(slice[1]) && d.isBefore(slice[2]) && churns != null) {
                    churns.forEach((reason, competitors) -> ((Document) competitors).forEach((competitor, counters) ->
                            byReason.computeIfAbsent(reason, r -> new TreeMap<>())
                                    .computeIfAbsent(competitor, k -> new Counters()).add((Document) counters)));
                }
            }
            byReason.forEach((reason, competitors) -> competitors.forEach((competitor, c) -> {
                Map<String, Object> row = Table.row();
                row.put("period", period.label(slice[0]));
                row.put("reason", reason);
                row.put("competitor", Increments.NONE.equals(competitor) ? null : competitor);
                row.put("customers", c.get("customers"));
                row.put("revenueInPrior12Months", money(c.get("revenueCents")));
                rows.add(row);
            }));
        }
        return new Table(g.asOf(), period.name().toLowerCase(), CHURN_COLUMNS, rows, null);
    }

    private static void rate(Map<String, Object> row, String name, String rateName, long count, long base) {
        row.put(name, count);
        row.put(rateName, Counters.ratio(count, base, 4));
    }

    private static void addActive(Map<String, Long> base, Document values) {
        if (values != null) {
            values.forEach((value, counters) -> base.merge(value, ((Document) counters).get("active", 0L), Long::sum));
        }
    }

    static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
