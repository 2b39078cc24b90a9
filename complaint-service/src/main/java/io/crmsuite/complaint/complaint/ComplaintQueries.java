package io.crmsuite.complaint.complaint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;

import io.crmsuite.complaint.complaint.Enums.Category;
import io.crmsuite.complaint.complaint.Enums.Channel;
import io.crmsuite.complaint.complaint.Enums.ClockStatus;
import io.crmsuite.complaint.complaint.Enums.Severity;
import io.crmsuite.complaint.complaint.Enums.Status;
import io.crmsuite.platform.http.Cursor;
import io.crmsuite.platform.problem.ProblemException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Complaint lists: filtered and newest first, or the worklist (open complaints by urgency). Keyset cursors keep
 * a deep page as cheap as the first; the indexes created at start-up back every filter and sort.
 */
@ApplicationScoped
public class ComplaintQueries {

    private static final List<Status> OPEN = List.of(Status.RECEIVED, Status.ACKNOWLEDGED, Status.IN_PROGRESS,
            Status.ON_HOLD);

    public record Filter(Status status, ClockStatus clockStatus, String customerId, Category category, Channel channel,
            Severity severity, String assignee, Instant dueBefore, Instant dueAfter, Instant receivedFrom,
            Instant receivedTo) {
    }

    public record Page<T>(List<T> items, String nextCursor) {
    }

    void createIndexes(@Observes StartupEvent start) {
        var complaints = Complaint.collection();
        // unique by _id anyway: lets the local stand-in find a conditional save's {_id, revision} by index
        complaints.createIndex(Indexes.ascending("_id", "revision"), new IndexOptions().unique(true));
        complaints.createIndex(Indexes.ascending("pendingSince"));
        complaints.createIndex(Indexes.descending("receivedAt", "_id"));
        complaints.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("receivedAt")));
        complaints.createIndex(Indexes.compoundIndex(Indexes.ascending("customerId"), Indexes.descending("receivedAt")));
        complaints.createIndex(Indexes.compoundIndex(Indexes.ascending("assignee", "status"), Indexes.ascending("sla.dueAt")));
        complaints.createIndex(Indexes.ascending("status", "sla.dueAt"));
        complaints.createIndex(Indexes.ascending("sla.status", "status"));
    }

    /** Complaints matching {@code f}, newest first. */
    public Page<Complaint> search(Filter f, int limit, String cursor) {
        List<Bson> and = new ArrayList<>();
        eq(and, "status", f.status());
        eq(and, "sla.status", f.clockStatus());
        eq(and, "customerId", f.customerId() == null ? null : f.customerId().toLowerCase(java.util.Locale.ROOT));
        eq(and, "category", f.category());
        eq(and, "channel", f.channel());
        eq(and, "severity", f.severity());
        eq(and, "assignee", f.assignee());
        if (f.dueBefore() != null) {
            and.add(Filters.lt("sla.dueAt", f.dueBefore()));
        }
        if (f.dueAfter() != null) {
            and.add(Filters.gte("sla.dueAt", f.dueAfter()));
        }
        if (f.receivedFrom() != null) {
            and.add(Filters.gte("receivedAt", f.receivedFrom()));
        }
        if (f.receivedTo() != null) {
            and.add(Filters.lt("receivedAt", f.receivedTo()));
        }
        if (cursor != null) {
            List<String> after = Cursor.decode(cursor, 2);
            Instant at = instant(after.get(0));
            and.add(Filters.or(Filters.lt("receivedAt", at),
                    Filters.and(Filters.eq("receivedAt", at), Filters.lt("_id", after.get(1)))));
        }
        List<Complaint> found = Complaint.collection().find(and.isEmpty() ? new org.bson.Document() : Filters.and(and))
                .sort(Sorts.descending("receivedAt", "_id")).limit(limit + 1).into(new ArrayList<>());
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            Complaint last = found.get(limit - 1);
            next = Cursor.encode(last.receivedAt.toString(), last.id);
        }
        return new Page<>(found, next);
    }

    /**
     * Open complaints by urgency: nearest deadline first, so breached ones (deadline passed) are on top, the
     * longest overdue first. Complaints on hold wait on the customer and are left out unless asked for.
     */
    public List<Complaint> worklist(String assignee, String team, boolean includeOnHold, int limit) {
        List<Bson> and = new ArrayList<>();
        and.add(Filters.in("status", (includeOnHold ? OPEN : OPEN.subList(0, 3)).stream().map(Enum::name).toList()));
        eq(and, "assignee", assignee);
        eq(and, "team", team);
        return Complaint.collection().find(Filters.and(and)).sort(Sorts.ascending("sla.dueAt", "_id"))
                .limit(limit).into(new ArrayList<>());
    }

    private static void eq(List<Bson> and, String field, Object value) {
        if (value != null) {
            and.add(Filters.eq(field, value instanceof Enum<?> e ? e.name() : value));
        }
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badField("cursor", "not a cursor returned by this endpoint");
        }
    }
}
