package io.crmsuite.analytics.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import io.crmsuite.analytics.indicators.Period;
import io.crmsuite.analytics.store.Increments;

/**
 * Upgraded and downgraded customers per period: a customer counts once, when its tier at the end of the period is
 * above ({@code upDAY|WEEK|MONTH}) or below ({@code downDAY|...}) its tier at the start, not once per change (GOLD
 * to PLATINUM and back within a month is neither). Each tier change recomputes the customer's standing in its
 * current period and replaces what it counted before, on the day of the change, under the values of the
 * customer's dimensions with {@code tier} = the tier at the period's start.
 */
final class TierMoves {

    static final List<String> ORDER = List.of("LEAD", "IRON", "GOLD", "PLATINUM");

    private TierMoves() {
    }

    /** Call before the change is recorded in the customer's tier history. */
    static void change(CustomerState s, Increments inc, Instant at, String to) {
        for (Period period : CustomerBase.PERIODS) {
            Instant periodStart = CustomerBase.startOf(period, at);
            String label = period.label(LocalDate.ofInstant(periodStart, ZoneOffset.UTC));
            Document counted = s.move(period.name());
            if (counted != null && label.equals(counted.getString("p")) && counted.getString("dir") != null) {
                inc.addAll(Instant.parse(counted.getString("at")), "u",
                        CustomerState.asDims(counted.get("d", Document.class)),
                        counted.getString("dir") + period.name(), -1);
            }
            String atStart = s.tierBefore(periodStart);
            String direction = direction(atStart, to);
            Map<String, String> dims = CustomerState.with(s.dims(), "tier", atStart);
            Document move = new Document("p", label).append("dir", direction).append("at", at.toString())
                    .append("d", CustomerState.stored(dims));
            if (direction != null) {
                inc.addAll(at, "u", dims, direction + period.name(), 1);
            }
            s.setMove(period.name(), move);
        }
    }

    /** "up", "down" or null (the same tier). */
    static String direction(String from, String to) {
        int cmp = Integer.compare(ORDER.indexOf(to), ORDER.indexOf(from));
        return cmp > 0 ? "up" : cmp < 0 ? "down" : null;
    }
}
