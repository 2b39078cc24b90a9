package io.crmsuite.analytics.indicators;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import io.crmsuite.analytics.config.AnalyticsConfig;
import io.crmsuite.analytics.store.Generation;
import io.crmsuite.analytics.store.Histogram;
import io.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/** The complaint indicators: the 24-hour rule per period, the backlog now, retention by resolution. */
@ApplicationScoped
public class ComplaintIndicators {

    public static final List<String> GROUPS = List.of("category", "channel", "severity", "tier");
    public static final List<String> SLA_COLUMNS = List.of("period", "received", "resolved", "resolvedWithinTarget",
            "shareResolvedWithinTarget", "resolvedWithin24h", "shareResolvedWithin24h", "breached", "warnings",
            "reopened", "medianResolutionHours", "p90ResolutionHours", "averageResolutionHours",
            "medianFirstResponseHours", "p90FirstResponseHours", "averageSatisfaction", "satisfactionResponses",
            // added later, after the columns above, so a CSV read by position keeps its meaning
            "resolvedWithin24hWallClock", "dueInPeriod", "metInPeriod", "shareMetInPeriod", "resolvedAfterReopen",
            "compensationTotal", "complaintsPerThousandPurchases", "wouldBuyAgainShare", "satisfaction1",
            "satisfaction2", "satisfaction3", "satisfaction4", "satisfaction5", "escalations");
    /** Purchases recorded per day, from the customer buckets: the base of complaintsPerThousandPurchases. */
    private static final String PURCHASES = "u.all._.purchases";
    static final List<String> CLASSES = List.of("WITHIN_24H", "LATER", "UNRESOLVED");

    private final AnalyticsConfig config;

    ComplaintIndicators(AnalyticsConfig config) {
        this.config = config;
    }

    public Table sla(Generation g, Range range, Period period, String groupBy) {
        String dim = groupBy == null || groupBy.isBlank() ? "all" : groupBy;
        if (!dim.equals("all") && !GROUPS.contains(dim)) {
            throw ProblemException.badField("groupBy", "one of " + GROUPS);
        }
        List<Document> days = Daily.between(g, range.from(), range.to(), "c." + dim, PURCHASES);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LocalDate[] slice : period.slices(range.from(), range.to())) {
            Map<String, Counters> groups = new TreeMap<>();
            long purchases = 0;
            for (Document day : days) {
                LocalDate d = Daily.dayOf(day);
                if (d.isBefore(slice[1]) || !d.isBefore(slice[2])) {
                    continue;
                }
                Document customers = Daily.path(day, "u", "all", "_");
                purchases += customers == null ? 0 : customers.get("purchases", 0L);
                Document values = Daily.path(day, "c", dim);
                if (values != null) {
                    values.forEach((value, counters) -> groups.computeIfAbsent(value, v -> new Counters())
                            .add((Document) counters));
                }
            }
            if (dim.equals("all") && groups.isEmpty()) {
                groups.put("_", new Counters()); // every period has a row, empty ones too
            }
            long allPurchases = purchases;
            groups.forEach((value, c) -> {
                Map<String, Object> row = Table.row();
                row.put("period", period.label(slice[0]));
                if (!dim.equals("all")) {
                    row.put(dim, value);
                }
                slaFigures(row, c, allPurchases);
                rows.add(row);
            });
        }
        List<String> columns = new ArrayList<>(SLA_COLUMNS);
        if (!dim.equals("all")) {
            columns.add(1, dim);
        }
        return new Table(g.asOf(), period.name().toLowerCase(), columns, rows, null);
    }

    /**
     * One row's figures from its counters. {@code purchases}: every purchase recorded in the period, the base of
     * {@code complaintsPerThousandPurchases} in grouped rows too (so the groups of a period add up to its total).
     */
    private static void slaFigures(Map<String, Object> row, Counters c, long purchases) {
        long resolved = c.get("resolved");
        row.put("received", c.get("received"));
        row.put("resolved", resolved);
        row.put("resolvedWithinTarget", c.get("withinTarget"));
        row.put("shareResolvedWithinTarget", Counters.ratio(c.get("withinTarget"), resolved, 4));
        row.put("resolvedWithin24h", c.get("within24h"));
        row.put("shareResolvedWithin24h", Counters.ratio(c.get("within24h"), resolved, 4));
        row.put("breached", c.get("breached"));
        row.put("warnings", c.get("warnings"));
        row.put("reopened", c.get("reopened"));
        row.put("medianResolutionHours", quantileHours(c, "resH", "resS", 0.5));
        row.put("p90ResolutionHours", quantileHours(c, "resH", "resS", 0.9));
        row.put("averageResolutionHours", resolved == 0 ? null : Counters.round(c.get("resSec") / 3600.0 / resolved, 2));
        row.put("medianFirstResponseHours", quantileHours(c, "frH", "frS", 0.5));
        row.put("p90FirstResponseHours", quantileHours(c, "frH", "frS", 0.9));
        row.put("averageSatisfaction", Counters.ratio(c.get("satSum"), c.get("satCount"), 2));
        row.put("satisfactionResponses", c.get("satCount"));
        row.put("resolvedWithin24hWallClock", c.get("within24hWallClock"));
        row.put("dueInPeriod", c.get("dueInPeriod"));
        row.put("metInPeriod", c.get("metInPeriod"));
        row.put("shareMetInPeriod", Counters.ratio(c.get("metInPeriod"), c.get("dueInPeriod"), 4));
        row.put("resolvedAfterReopen", c.get("resolvedAfterReopen"));
        row.put("compensationTotal", CustomerIndicators.money(c.get("compensationCents")));
        row.put("complaintsPerThousandPurchases", purchases == 0 ? null
                : Counters.round(c.get("received") * 1000.0 / purchases, 2));
        row.put("wouldBuyAgainShare", Counters.ratio(c.get("wouldBuyAgainYes"), c.get("wouldBuyAgainAnswered"), 4));
        for (int score = 1; score <= 5; score++) {
            row.put("satisfaction" + score, c.get("satisfaction." + score));
        }
        row.put("escalations", c.get("escalations"));
    }

    /** A duration percentile from a histogram's counts and sums ({@code resH} / {@code resS}), in hours. */
    private static Double quantileHours(Counters c, String counts, String sums, double p) {
        return Counters.round(Histogram.quantile(c.histogram(counts), c.histogram(sums), p), 2);
    }

    public static final List<String> BACKLOG_COLUMNS = List.of("open", "onTrack", "atRisk", "breached", "onHold",
            "oldestDueAt", "oldestDueComplaintId");

    /** Open complaints now, by clock state, and the oldest deadline among them. */
    public Table backlog(Generation g) {
        Map<String, Object> row = backlogCounts(g);
        Document oldest = g.complaints().find(Filters.and(Filters.eq("open", true), Filters.eq("onHold", false)))
                .sort(Sorts.ascending("dueAt")).limit(1).first();
        row.put("oldestDueAt", oldest == null ? null : oldest.getDate("dueAt").toInstant());
        row.put("oldestDueComplaintId", oldest == null ? null : oldest.getString("_id"));
        return new Table(g.asOf(), null, BACKLOG_COLUMNS, List.of(row), null);
    }

    /** Open complaints now, by clock state: the sum of every day's backlog changes (buckets only). */
    public Map<String, Object> backlogCounts(Generation g) {
        Counters c = new Counters();
        Daily.before(g, LocalDate.of(9999, 1, 1), "b").forEach(day -> c.add(Daily.path(day, "b")));
        Map<String, Object> row = Table.row();
        row.put("open", c.get("open"));
        row.put("onTrack", c.get("ON_TRACK"));
        row.put("atRisk", c.get("AT_RISK"));
        row.put("breached", c.get("BREACHED"));
        row.put("onHold", c.get("ON_HOLD"));
        return row;
    }

    public static final List<String> RETENTION_COLUMNS = List.of("period", "resolution", "complainants",
            "boughtAgain", "shareBoughtAgain");

    /**
     * Complainants received in the range, by how their first resolution went, and the share who bought again
     * within the window after it (or after the complaint, while unresolved).
     */
    public Table retentionByResolution(Generation g, Range range, Period period) {
        List<Document> days = Daily.between(g, range.from(), range.to(), "r");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LocalDate[] slice : period.slices(range.from(), range.to())) {
            Counters c = new Counters();
            days.stream().filter(d -> !Daily.dayOf(d).isBefore(slice[1]) && Daily.dayOf(d).isBefore(slice[2]))
                    .forEach(d -> c.add(Daily.path(d, "r")));
            for (String cls : CLASSES) {
                Map<String, Object> row = Table.row();
                row.put("period", period.label(slice[0]));
                row.put("resolution", cls);
                row.put("complainants", c.get(cls + ".complainants"));
                row.put("boughtAgain", c.get(cls + ".boughtAgain"));
                row.put("shareBoughtAgain", Counters.ratio(c.get(cls + ".boughtAgain"), c.get(cls + ".complainants"), 4));
                rows.add(row);
            }
        }
        return new Table(g.asOf(), period.name().toLowerCase(), RETENTION_COLUMNS, rows,
                Map.of("windowDays", config.retentionWindow().toDays(), "ruleHours", config.resolutionRule().toHours()));
    }

}
