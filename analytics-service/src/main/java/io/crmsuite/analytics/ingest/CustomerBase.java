package io.crmsuite.analytics.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import io.crmsuite.analytics.indicators.Period;
import io.crmsuite.analytics.store.Increments;

/**
 * The customer base as day counters, {@code u.<dim>.<value>.<counter>}: {@code active} changes by +1 when a
 * customer enters the base (first purchase: {@code new}; back from churn: {@code reactivated}) and by -1 when one
 * leaves it (churn, erasure), so the base on any day is the sum of the days before. Moving between dimension
 * values moves the +1. {@code lostDAY|WEEK|MONTH} count, on the day they left, the customers who had been in the
 * base since before that period began, under the values they were counted under at its start: the period's
 * retained customers are its customers at start minus them, which keeps retention within 0..1.
 */
final class CustomerBase {

    static final List<Period> PERIODS = List.of(Period.DAY, Period.WEEK, Period.MONTH);

    private CustomerBase() {
    }

    /**
     * The customer enters the base at {@code at} (if it now qualifies and is not in it); {@code byFirstPurchase}
     * when its first purchase is what let it in (only then does an earlier purchase move the start).
     */
    static void enter(CustomerState s, Increments inc, Instant at, boolean byFirstPurchase) {
        if (s.active() || !s.qualifies()) {
            return;
        }
        List<Document> spans = s.spans();
        boolean first = spans.isEmpty();
        Map<String, String> dims = s.dims();
        spans.add(new Document("s", Date.from(at)).append("e", null).append("d", CustomerState.stored(dims))
                .append("first", first).append("byFirstPurchase", byFirstPurchase)
                .append("referred", first && s.referred()));
        s.setSpans(spans);
        s.setAttribution(List.of(new Document("at", Date.from(at)).append("d", CustomerState.stored(dims))), at);
        s.setActive(true);
        count(inc, at, dims, "active", 1);
        count(inc, at, dims, first ? "new" : "reactivated", 1);
        if (first && s.referred()) {
            count(inc, at, dims, "newReferred", 1);
        }
    }

    /** The customer leaves the base at {@code at} (if it is in it). */
    static void leave(CustomerState s, Increments inc, Instant at) {
        if (!s.active()) {
            return;
        }
        List<Document> spans = s.spans();
        Document span = spans.get(spans.size() - 1);
        span.put("e", Date.from(at));
        s.setSpans(spans);
        s.setActive(false);
        count(inc, at, s.dims(), "active", -1);
        Instant since = span.getDate("s").toInstant();
        for (Period period : PERIODS) {
            Instant periodStart = startOf(period, at);
            if (since.isBefore(periodStart)) {
                count(inc, at, s.attributedBefore(periodStart), "lost" + period.name(), 1);
            }
        }
    }

    /** The customer's dimension values change at {@code at}: a member of the base is counted under the new ones. */
    static void move(CustomerState s, Increments inc, Instant at, Map<String, String> to) {
        Map<String, String> from = s.dims();
        if (from.equals(to)) {
            return;
        }
        if (s.active()) {
            to.forEach((dim, value) -> {
                if (!value.equals(from.get(dim))) {
                    inc.add(at, "u." + dim + "." + from.get(dim) + ".active", -1);
                    inc.add(at, "u." + dim + "." + value + ".active", 1);
                }
            });
            List<Document> attribution = s.attribution();
            attribution.add(new Document("at", Date.from(at)).append("d", CustomerState.stored(to)));
            s.setAttribution(attribution, at);
        }
        s.setDims(to);
    }

    /**
     * A purchase earlier than the first one known: the customer's first span starts then instead, so it was new
     * (and in the base) from that day; a span that has ended may now have begun before its end's periods.
     */
    static void backdateFirstPurchase(CustomerState s, Increments inc, Instant was, Instant now) {
        List<Document> spans = s.spans();
        if (spans.isEmpty() || !spans.get(0).getBoolean("byFirstPurchase", false)
                || !spans.get(0).getDate("s").toInstant().equals(was)) {
            return;
        }
        Document span = spans.get(0);
        Map<String, String> dims = CustomerState.asDims(span.get("d", Document.class));
        for (String counter : span.getBoolean("referred", false) ? List.of("active", "new", "newReferred")
                : List.of("active", "new")) {
            count(inc, was, dims, counter, -1);
            count(inc, now, dims, counter, 1);
        }
        Date end = span.getDate("e");
        if (end != null) {
            for (Period period : PERIODS) {
                Instant periodStart = startOf(period, end.toInstant());
                if (!was.isBefore(periodStart) && now.isBefore(periodStart)) {
                    count(inc, end.toInstant(), dims, "lost" + period.name(), 1);
                }
            }
        }
        span.put("s", Date.from(now));
        s.setSpans(spans);
        List<Document> attribution = s.attribution();
        if (spans.size() == 1 && s.active() && attribution.get(0).getDate("at").toInstant().equals(was)) {
            attribution.get(0).put("at", Date.from(now));
            s.setAttribution(attribution, now);
        }
    }

    static void count(Increments inc, Instant at, Map<String, String> dims, String counter, long amount) {
        inc.addAll(at, "u", dims, counter, amount);
    }

    static Instant startOf(Period period, Instant at) {
        return period.start(LocalDate.ofInstant(at, ZoneOffset.UTC)).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
