package io.crmsuite.analytics.indicators;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;

import io.crmsuite.analytics.store.CustomerHistory;
import io.crmsuite.analytics.store.Generation;
import io.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Value per tier over a range: by default each customer is counted under the tier it holds at the end of the
 * range, with its customers (in the base at the end), the revenue and profit of its purchases in the range and
 * their shares, its retention (of its customers in the base at the start, those still in it at the end without
 * a break), the expected tenure in ranges of this length and the lifetime value. {@code basis=at-purchase} books
 * each purchase under the tier held when it was made instead.
 * <p>
 * Cost: one grouped read of the range's purchases ({@code purchases_g<N>}, index on {@code at}) and one read of
 * the facts of the customers who bought before the end of the range (index on {@code firstPurchaseAt}).
 */
@ApplicationScoped
public class CustomerValue {

    public static final List<String> TIERS = List.of("PLATINUM", "GOLD", "IRON", "LEAD");
    public static final List<String> COLUMNS = List.of("tier", "customers", "customerShare", "revenue",
            "revenueShare", "profit", "profitShare", "averageProfitPerCustomer", "customersAtStart", "retained",
            "retentionRate", "expectedTenurePeriods", "lifetimeValue");

    /** How purchases are booked to tiers. */
    public enum Basis {
        AT_END, AT_PURCHASE;

        public static Basis parse(String value) {
            if (value == null || value.isBlank()) {
                return AT_END;
            }
            return switch (value.trim()) {
                case "at-end" -> AT_END;
                case "at-purchase" -> AT_PURCHASE;
                default -> throw ProblemException.badField("basis", "at-end (the default) or at-purchase");
            };
        }

        String label() {
            return this == AT_END ? "at-end" : "at-purchase";
        }
    }

    public Table value(Generation g, Range range, Basis basis, BigDecimal discountRate) {
        Instant from = range.from().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = range.to().atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Tally> tiers = new LinkedHashMap<>();
        TIERS.forEach(t -> tiers.put(t, new Tally()));
        Map<String, String> tierAtEnd = new HashMap<>();
        for (Document fact : g.customers().find(Filters.lt("firstPurchaseAt", Date.from(to)))
                .projection(Projections.include("spans", "tiers", "dims"))) {
            List<Document> history = fact.getList("tiers", Document.class, List.of());
            String fallback = fact.get("dims", new Document()).getString("tier");
            String endTier = CustomerHistory.tierBefore(history, to, fallback);
            tierAtEnd.put(fact.getString("_id"), endTier);
            List<Document> spans = fact.getList("spans", Document.class, List.of());
            if (CustomerHistory.spanBefore(spans, to) != null) {
                tally(tiers, endTier).customers++;
            }
            Document atStart = CustomerHistory.spanBefore(spans, from);
            if (atStart != null) {
                Tally startTier = tally(tiers, CustomerHistory.tierBefore(history, from, fallback));
                startTier.atStart++;
                if (CustomerHistory.lastedTo(atStart, to)) {
                    startTier.retained++;
                }
            }
        }
        List<Long> revenuePerBuyer = new ArrayList<>();
        for (Document buyer : grouped(g, from, to, "$customerId")) {
            long revenue = cents(buyer, "revenueCents");
            revenuePerBuyer.add(revenue);
            if (basis == Basis.AT_END) {
                Tally t = tally(tiers, tierAtEnd.getOrDefault(buyer.getString("_id"), "LEAD"));
                t.revenueCents += revenue;
                t.profitCents += cents(buyer, "marginCents");
            }
        }
        if (basis == Basis.AT_PURCHASE) {
            for (Document tier : grouped(g, from, to, "$tier")) {
                Tally t = tally(tiers, tier.getString("_id"));
                t.revenueCents += cents(tier, "revenueCents");
                t.profitCents += cents(tier, "marginCents");
            }
        }
        return table(g, range, basis, discountRate, tiers, revenuePerBuyer);
    }

    private static Table table(Generation g, Range range, Basis basis, BigDecimal discountRate,
            Map<String, Tally> tiers, List<Long> revenuePerBuyer) {
        long customers = tiers.values().stream().mapToLong(t -> t.customers).sum();
        long revenue = tiers.values().stream().mapToLong(t -> t.revenueCents).sum();
        long profit = tiers.values().stream().mapToLong(t -> t.profitCents).sum();
        double d = discountRate.doubleValue();
        List<Map<String, Object>> rows = new ArrayList<>();
        tiers.forEach((tier, t) -> {
            Map<String, Object> row = Table.row();
            row.put("tier", tier);
            row.put("customers", t.customers);
            row.put("customerShare", Counters.ratio(t.customers, customers, 4));
            row.put("revenue", CustomerIndicators.money(t.revenueCents));
            row.put("revenueShare", Counters.ratio(t.revenueCents, revenue, 4));
            row.put("profit", CustomerIndicators.money(t.profitCents));
            row.put("profitShare", Counters.ratio(t.profitCents, profit, 4));
            Double average = t.customers == 0 ? null : t.profitCents / 100.0 / t.customers;
            row.put("averageProfitPerCustomer", Counters.round(average, 2));
            row.put("customersAtStart", t.atStart);
            row.put("retained", t.retained);
            Double retention = t.atStart == 0 ? null : (double) t.retained / t.atStart;
            row.put("retentionRate", Counters.round(retention, 4));
            row.put("expectedTenurePeriods", retention == null || retention >= 1 ? null
                    : Counters.round(1 / (1 - retention), 2));
            row.put("lifetimeValue", average == null || retention == null || 1 + d - retention <= 0 ? null
                    : Counters.round(average * (1 + d) / (1 + d - retention), 2));
            rows.add(row);
        });
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("from", range.from().toString());
        extra.put("to", range.to().toString());
        extra.put("basis", basis.label());
        extra.put("discountRate", discountRate);
        extra.put("periodDays", ChronoUnit.DAYS.between(range.from(), range.to()));
        extra.put("buyers", revenuePerBuyer.size());
        extra.put("revenueShareOfTop20PercentCustomers", topFifthShare(revenuePerBuyer));
        return new Table(g.asOf(), null, COLUMNS, rows, extra);
    }

    /** The share of the range's revenue from its top ceil(20%) buyers by revenue in the range. */
    static Double topFifthShare(List<Long> revenuePerBuyer) {
        if (revenuePerBuyer.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(revenuePerBuyer);
        sorted.sort((a, b) -> Long.compare(b, a));
        int top = (int) Math.ceil(sorted.size() * 0.2);
        long topRevenue = sorted.subList(0, top).stream().mapToLong(Long::longValue).sum();
        return Counters.ratio(topRevenue, sorted.stream().mapToLong(Long::longValue).sum(), 4);
    }

    /** The range's purchases summed per {@code key}; a margin not given is left out of the profit (unknown). */
    private static List<Document> grouped(Generation g, Instant from, Instant to, String key) {
        return g.purchases().aggregate(List.of(
                Aggregates.match(Filters.and(Filters.gte("at", Date.from(from)), Filters.lt("at", Date.from(to)))),
                Aggregates.group(key, Accumulators.sum("revenueCents", "$revenueCents"),
                        Accumulators.sum("marginCents", "$marginCents")))).into(new ArrayList<>());
    }

    private static long cents(Document doc, String field) {
        Object value = doc.get(field);
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static Tally tally(Map<String, Tally> tiers, String tier) {
        return tiers.computeIfAbsent(tier == null ? "LEAD" : tier, t -> new Tally());
    }

    /** One tier's figures while they are added up. */
    private static final class Tally {
        long customers;
        long atStart;
        long retained;
        long revenueCents;
        long profitCents;
    }
}
