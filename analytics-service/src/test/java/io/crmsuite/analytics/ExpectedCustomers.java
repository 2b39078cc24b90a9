package io.crmsuite.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.crmsuite.events.EventTypes;

/**
 * The customer indicators recomputed the plain way: each customer's story replayed into the intervals it spent in
 * the base and the tiers it held, then every figure read off those intervals by its definition (not from day
 * counters, as the service does).
 */
final class ExpectedCustomers {

    static final List<String> ORDER = List.of("LEAD", "IRON", "GOLD", "PLATINUM");

    /** One customer's story. */
    static final class Person {
        String id;
        Instant registered;
        final List<Map.Entry<Instant, String>> tiers = new ArrayList<>();
        final List<Instant[]> spans = new ArrayList<>();
        final List<Object[]> purchases = new ArrayList<>(); // at, amount, margin
        final List<Object[]> churns = new ArrayList<>(); // at, reason, competitor
        Instant firstPurchase;
        boolean firstSpanByPurchase;
        boolean churned;

        boolean inBase() {
            return !spans.isEmpty() && spans.get(spans.size() - 1)[1] == null;
        }

        /** In the base just before {@code t}: entered before it, not left before it. */
        Instant[] spanBefore(Instant t) {
            for (Instant[] span : spans) {
                if (span[0].isBefore(t) && (span[1] == null || !span[1].isBefore(t))) {
                    return span;
                }
            }
            return null;
        }

        String tierBefore(Instant t) {
            String tier = tiers.get(0).getValue();
            for (Map.Entry<Instant, String> change : tiers) {
                if (change.getKey().isBefore(t)) {
                    tier = change.getValue();
                }
            }
            return tier;
        }
    }

    /** A period's figures, named as the service names them. */
    static final class Row {
        long customersAtStart, registered, added, reactivated, churned, retained, upgraded, downgraded, customersAtEnd,
                purchases;
        BigDecimal revenue = BigDecimal.ZERO.setScale(2);
        BigDecimal profit = BigDecimal.ZERO.setScale(2);
    }

    /** A tier's figures in the value answer. */
    static final class TierValue {
        long customers, customersAtStart, retained;
        BigDecimal revenue = BigDecimal.ZERO.setScale(2);
        BigDecimal profit = BigDecimal.ZERO.setScale(2);
    }

    final Map<String, Person> people = new HashMap<>();

    ExpectedCustomers(List<JsonNode> events) {
        List<JsonNode> customerEvents = new ArrayList<>(events.stream()
                .filter(e -> !e.get("type").asText().startsWith("complaint.")).toList());
        customerEvents.sort(Comparator.comparing((JsonNode e) -> e.get("subject").asText())
                .thenComparing(e -> e.get("aggregateversion").asLong()));
        for (JsonNode e : customerEvents) {
            Person p = people.computeIfAbsent(e.get("subject").asText(), id -> new Person());
            p.id = e.get("subject").asText();
            apply(p, e.get("type").asText(), e.get("data"));
        }
    }

    private static void apply(Person p, String type, JsonNode d) {
        switch (type) {
            case EventTypes.CUSTOMER_REGISTERED -> {
                p.registered = at(d, "registeredAt");
                p.tiers.add(Map.entry(p.registered, d.get("tier").asText()));
            }
            case EventTypes.CUSTOMER_TIER_CHANGED -> p.tiers.add(Map.entry(at(d, "changedAt"), d.get("to").asText()));
            case EventTypes.PURCHASE_RECORDED -> {
                Instant at = at(d, "occurredAt");
                p.purchases.add(new Object[] { at, new BigDecimal(d.get("amount").asText()),
                        d.get("margin").isNull() ? BigDecimal.ZERO : new BigDecimal(d.get("margin").asText()) });
                if (p.firstPurchase == null) {
                    p.firstPurchase = at;
                    if (!p.churned) {
                        p.spans.add(new Instant[] { at, null });
                        p.firstSpanByPurchase = true;
                    }
                } else if (at.isBefore(p.firstPurchase)) {
                    if (p.firstSpanByPurchase && p.spans.get(0)[0].equals(p.firstPurchase)) {
                        p.spans.get(0)[0] = at;
                    }
                    p.firstPurchase = at;
                }
            }
            case EventTypes.CUSTOMER_LIFECYCLE_CHANGED -> {
                Instant at = at(d, "changedAt");
                if ("CHURNED".equals(d.get("to").asText())) {
                    if (p.inBase()) {
                        p.spans.get(p.spans.size() - 1)[1] = at;
                        p.churns.add(new Object[] { at, d.get("reason").asText(),
                                d.path("competitor").isNull() ? null : d.path("competitor").asText() });
                    }
                    p.churned = true;
                } else if ("CHURNED".equals(d.get("from").asText())) {
                    p.churned = false;
                    if (p.firstPurchase != null && !p.inBase()) {
                        p.spans.add(new Instant[] { at, null });
                    }
                }
            }
            case EventTypes.CUSTOMER_ERASED -> {
                if (p.inBase()) {
                    p.spans.get(p.spans.size() - 1)[1] = at(d, "erasedAt");
                }
            }
            default -> {
            }
        }
    }

    /** The figures of [from, to), the way the service defines them for one period. */
    Row period(LocalDate from, LocalDate to) {
        Instant a = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant b = to.atStartOfDay(ZoneOffset.UTC).toInstant();
        Row row = new Row();
        for (Person p : people.values()) {
            row.customersAtStart += p.spanBefore(a) != null ? 1 : 0;
            row.customersAtEnd += p.spanBefore(b) != null ? 1 : 0;
            row.registered += within(p.registered, a, b) ? 1 : 0;
            for (int i = 0; i < p.spans.size(); i++) {
                if (within(p.spans.get(i)[0], a, b)) {
                    if (i == 0) {
                        row.added++;
                    } else {
                        row.reactivated++;
                    }
                }
            }
            Instant[] atStart = p.spanBefore(a);
            if (atStart != null && (atStart[1] == null || !atStart[1].isBefore(b))) {
                row.retained++;
            }
            int move = Integer.compare(ORDER.indexOf(p.tierBefore(b)), ORDER.indexOf(p.tierBefore(a)));
            row.upgraded += move > 0 ? 1 : 0;
            row.downgraded += move < 0 ? 1 : 0;
            row.churned += p.churns.stream().filter(c -> within((Instant) c[0], a, b)).count();
            for (Object[] purchase : p.purchases) {
                if (within((Instant) purchase[0], a, b)) {
                    row.purchases++;
                    row.revenue = row.revenue.add((BigDecimal) purchase[1]);
                    row.profit = row.profit.add((BigDecimal) purchase[2]);
                }
            }
        }
        return row;
    }

    /** Value per tier over [from, to): customers by their tier at the end. */
    Map<String, TierValue> value(LocalDate from, LocalDate to) {
        Instant a = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant b = to.atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, TierValue> tiers = new TreeMap<>();
        ORDER.forEach(t -> tiers.put(t, new TierValue()));
        for (Person p : people.values()) {
            if (p.firstPurchase == null || !p.firstPurchase.isBefore(b)) {
                continue;
            }
            TierValue end = tiers.get(p.tierBefore(b));
            end.customers += p.spanBefore(b) != null ? 1 : 0;
            for (Object[] purchase : p.purchases) {
                if (within((Instant) purchase[0], a, b)) {
                    end.revenue = end.revenue.add((BigDecimal) purchase[1]);
                    end.profit = end.profit.add((BigDecimal) purchase[2]);
                }
            }
            Instant[] atStart = p.spanBefore(a);
            if (atStart != null) {
                TierValue start = tiers.get(p.tierBefore(a));
                start.customersAtStart++;
                start.retained += atStart[1] == null || !atStart[1].isBefore(b) ? 1 : 0;
            }
        }
        return tiers;
    }

    /** Revenue in [from, to) per buyer. */
    List<BigDecimal> revenuePerBuyer(LocalDate from, LocalDate to) {
        Instant a = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant b = to.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<BigDecimal> out = new ArrayList<>();
        for (Person p : people.values()) {
            BigDecimal sum = p.purchases.stream().filter(x -> within((Instant) x[0], a, b))
                    .map(x -> (BigDecimal) x[1]).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (p.purchases.stream().anyMatch(x -> within((Instant) x[0], a, b))) {
                out.add(sum);
            }
        }
        return out;
    }

    /** Customers lost in [from, to) per "reason/competitor", with the revenue of their 12 months before. */
    Map<String, Object[]> churn(LocalDate from, LocalDate to) {
        Instant a = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant b = to.atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Object[]> out = new TreeMap<>();
        for (Person p : people.values()) {
            for (Object[] churn : p.churns) {
                Instant at = (Instant) churn[0];
                if (!within(at, a, b)) {
                    continue;
                }
                LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
                BigDecimal revenue = p.purchases.stream().filter(x -> {
                    LocalDate purchaseDay = LocalDate.ofInstant((Instant) x[0], ZoneOffset.UTC);
                    return !((Instant) x[0]).isAfter(at) && purchaseDay.isAfter(day.minusYears(1));
                }).map(x -> (BigDecimal) x[1]).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
                Object[] sum = out.computeIfAbsent(churn[1] + "/" + churn[2], k -> new Object[] { 0L, BigDecimal.ZERO });
                sum[0] = (Long) sum[0] + 1;
                sum[1] = ((BigDecimal) sum[1]).add(revenue);
            }
        }
        return out;
    }

    private static boolean within(Instant t, Instant a, Instant b) {
        return t != null && !t.isBefore(a) && t.isBefore(b);
    }

    private static Instant at(JsonNode d, String field) {
        return Instant.parse(d.get(field).asText());
    }
}
