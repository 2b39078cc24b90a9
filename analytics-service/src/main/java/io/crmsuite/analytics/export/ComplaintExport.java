package io.crmsuite.analytics.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import io.crmsuite.analytics.indicators.Table;
import io.crmsuite.analytics.store.Generation;
import io.crmsuite.platform.http.Cursor;
import io.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One fact row per complaint, changed since a cursor: how a warehouse loads incrementally. The cursor is the
 * (update time, id) of the last row read; a client stores {@code nextCursor} and asks again later.
 */
@ApplicationScoped
public class ComplaintExport {

    public static final List<String> COLUMNS = List.of("complaintId", "customerId", "category", "channel", "severity",
            "tier", "source", "status", "clockStatus", "receivedAt", "dueAt", "firstResolvedAt", "resolvedAt",
            "metTarget", "resolutionHours", "firstResolutionHours", "firstResponseHours", "reopened", "satisfaction",
            "updatedAt", "escalationLevel");

    public Table since(Generation g, String cursor, int limit) {
        Bson filter = new Document();
        if (cursor != null && !cursor.isBlank()) {
            List<String> after = Cursor.decode(cursor, 2);
            Date at;
            try {
                at = new Date(Long.parseLong(after.get(0)));
            } catch (NumberFormatException e) {
                throw ProblemException.badField("cursor", "not a cursor returned by this endpoint");
            }
            filter = Filters.or(Filters.gt("updatedAt", at),
                    Filters.and(Filters.eq("updatedAt", at), Filters.gt("_id", after.get(1))));
        }
        List<Document> facts = g.complaints().find(filter).sort(Sorts.ascending("updatedAt", "_id")).limit(limit)
                .into(new ArrayList<>());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Document f : facts) {
            Map<String, Object> row = Table.row();
            row.put("complaintId", f.getString("_id"));
            row.put("customerId", f.getString("customerId"));
            row.put("category", f.getString("category"));
            row.put("channel", f.getString("channel"));
            row.put("severity", f.getString("severity"));
            row.put("tier", f.getString("tier"));
            row.put("source", f.getString("source"));
            row.put("status", f.getString("status"));
            row.put("clockStatus", f.getString("clock"));
            row.put("receivedAt", instant(f.getDate("receivedAt")));
            row.put("dueAt", instant(f.getDate("dueAt")));
            row.put("firstResolvedAt", instant(f.getDate("firstResolvedAt")));
            row.put("resolvedAt", instant(f.getDate("resolvedAt")));
            row.put("metTarget", f.getBoolean("met"));
            row.put("resolutionHours", hours(f.get("resolutionSeconds")));
            row.put("firstResolutionHours", hours(f.get("firstResolutionSeconds")));
            row.put("firstResponseHours", hours(f.get("firstResponseSeconds")));
            row.put("reopened", f.getInteger("reopened", 0));
            row.put("satisfaction", f.getInteger("satisfaction"));
            row.put("updatedAt", instant(f.getDate("updatedAt")));
            row.put("escalationLevel", f.getInteger("escalationLevel", 0));
            rows.add(row);
        }
        String next = cursor;
        if (!facts.isEmpty()) {
            Document last = facts.get(facts.size() - 1);
            next = Cursor.encode(String.valueOf(last.getDate("updatedAt").getTime()), last.getString("_id"));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("nextCursor", next);
        extra.put("hasMore", facts.size() == limit);
        return new Table(g.asOf(), null, COLUMNS, rows, extra);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static Double hours(Object seconds) {
        return seconds instanceof Number n ? Math.round(n.doubleValue() / 36.0) / 100.0 : null;
    }
}
