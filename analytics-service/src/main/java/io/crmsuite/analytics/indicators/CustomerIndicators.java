package io.crmsuite.analytics.indicators;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bson.Document;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;

import io.crmsuite.analytics.store.Generation;
import io.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/** The customer indicators of DOMAIN.md: new, churned, upgraded customers and their rates, retention, value. */
@ApplicationScoped
public class CustomerIndicators {

    public static final List<String> TIERS = List.of("PLATINUM", "GOLD", "IRON", "LEAD");
    public static final List<String> INDICATOR_COLUMNS = List.of("period", "customersAtStart", "new", "newRate",
            "churned", "churnRate", "upgraded", "upgradeRate", "downgraded", "downgradeRate", "reactivated",
            "customersAtEnd", "retentionRate", "purchases", "revenue", "profit", "averageProfitPerCustomer");

    public Table indicators(Generation g, Range range, Period period, String groupBy) {
        String dim = groupBy == null || groupBy.isBlank() ? "all" : groupBy;
        if (!dim.equals("all") && !dim.equals("region")) {
            throw ProblemException.badField("groupBy", "region (or nothing)");
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
                Map<String, Object> row = Table.row();
                row.put("period", period.label(slice[0]));
                if (!dim.equals("all")) {
                    row.put(dim, value);
                }
                row.put("customersAtStart", start);
                rate(row, "new", "newRate", c.get("new"), start);
                rate(row, "churned", "churnRate", c.get("churned"), start);
                rate(row, "upgraded", "upgradeRate", c.get("upgraded"), start);
                rate(row, "downgraded", "downgradeRate", c.get("downgraded"), start);
                row.put("reactivated", c.get("reactivated"));
                row.put("customersAtEnd", end);
                row.put("retentionRate", start == 0 ? null : Counters.round((double) (end - c.get("new")) / start, 4));
                row.put("purchases", c.get("purchases"));
                row.put("revenue", money(c.get("revenueCents")));
                row.put("profit", money(c.get("marginCents")));
                row.put("averageProfitPerCustomer", end == 0 ? null
                        : Counters.round(c.get("marginCents") / 100.0 / end, 2));
                rows.add(row);
                base.put(value, end);
            }
        }
        List<String> columns = new ArrayList<>(INDICATOR_COLUMNS);
        if (!dim.equals("all")) {
            columns.add(1, dim);
        }
        return new Table(g.asOf(), period.name().toLowerCase(), columns, rows, null);
    }

    public static final List<String> VALUE_COLUMNS = List.of("tier", "customers", "customerShare", "revenue",
            "revenueShare", "profit", "averageProfitPerCustomer", "retentionRate", "expectedTenurePeriods",
            "lifetimeValue");

    /**
     * The pyramid at the end of the range (customers and revenue per tier), revenue concentration (share of
     * lifetime revenue from the top 20% of customers) and lifetime value per tier: average profit per customer
     * in the range x expected tenure in ranges, tenure = 1 / (1 - retention over the range).
     */
    public Table value(Generation g, Range range) {
        Counters before = new Counters();
        Daily.before(g, range.to(), "t").forEach(day -> before.add(Daily.path(day, "t")));
        Counters within = new Counters();
        Daily.between(g, range.from(), range.to(), "t").forEach(day -> within.add(Daily.path(day, "t")));
        Table overall = indicators(g, range, Period.DAY, null);
        long start = overall.rows().isEmpty() ? 0 : ((Number) overall.rows().get(0).get("customersAtStart")).longValue();
        long end = overall.rows().isEmpty() ? 0
                : ((Number) overall.rows().get(overall.rows().size() - 1).get("customersAtEnd")).longValue();
        long newCustomers = overall.rows().stream().mapToLong(r -> ((Number) r.get("new")).longValue()).sum();
        Double retention = start == 0 ? null : Counters.round((double) (end - newCustomers) / start, 4);

        long allCustomers = TIERS.stream().mapToLong(t -> before.get(t + ".customers")).sum();
        long allRevenue = TIERS.stream().mapToLong(t -> within.get(t + ".revenueCents")).sum();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String tier : TIERS) {
            long customers = before.get(tier + ".customers");
            long profitCents = within.get(tier + ".marginCents");
            Map<String, Object> row = Table.row();
            row.put("tier", tier);
            row.put("customers", customers);
            row.put("customerShare", Counters.ratio(customers, allCustomers, 4));
            row.put("revenue", money(within.get(tier + ".revenueCents")));
            row.put("revenueShare", Counters.ratio(within.get(tier + ".revenueCents"), allRevenue, 4));
            row.put("profit", money(profitCents));
            Double average = customers == 0 ? null : Counters.round(profitCents / 100.0 / customers, 2);
            row.put("averageProfitPerCustomer", average);
            row.put("retentionRate", retention);
            Double tenure = retention == null || retention >= 1 ? null : Counters.round(1 / (1 - retention), 2);
            row.put("expectedTenurePeriods", tenure);
            row.put("lifetimeValue", average == null || tenure == null ? null : Counters.round(average * tenure, 2));
            rows.add(row);
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("from", range.from().toString());
        extra.put("to", range.to().toString());
        extra.put("revenueShareOfTop20PercentCustomers", concentration(g));
        return new Table(g.asOf(), null, VALUE_COLUMNS, rows, extra);
    }

    /** Share of lifetime revenue from the top 20% of active customers (the 80/20 rule, measured). */
    Double concentration(Generation g) {
        long customers = g.customers().countDocuments(Filters.eq("active", true));
        if (customers == 0) {
            return null;
        }
        int top = (int) Math.ceil(customers * 0.2);
        long topRevenue = 0;
        for (Document c : g.customers().find(Filters.eq("active", true)).projection(Projections.include("revenueCents"))
                .sort(Sorts.descending("revenueCents")).limit(top)) {
            topRevenue += c.get("revenueCents", 0L);
        }
        long total = 0;
        for (Document c : g.customers().find(Filters.eq("active", true)).projection(Projections.include("revenueCents"))) {
            total += c.get("revenueCents", 0L);
        }
        return Counters.ratio(topRevenue, total, 4);
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

    static java.math.BigDecimal money(long cents) {
        return java.math.BigDecimal.valueOf(cents, 2);
    }
}
