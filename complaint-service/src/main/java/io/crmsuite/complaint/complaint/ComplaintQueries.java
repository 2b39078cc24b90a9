package io.crmsuite.complaint.complaint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

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
 * Complaint lists: filtered and newest first (or the most escalated first), or the worklist (open complaints by
 * urgency). Keyset cursors keep a deep page as cheap as the first; the indexes created at start-up back every
 * filter and sort.
 */
@ApplicationScoped
public class ComplaintQueries {

    private static final List<Status> OPEN = List.of(Status.RECEIVED, Status.ACKNOWLEDGED, Status.IN_PROGRESS,
            Status.ON_HOLD);

    public record Filter(Status status, ClockStatus clockStatus, String customerId, Category category, Channel channel,
            Severity severity, String assignee, Instant dueBefore, Instant dueAfter, Instant receivedFrom,
            Instant receivedTo, Integer minEscalationLevel) {
    }

    /** The orders of a search; each ends with the receipt time and the id, so it is total and stable. */
    public enum Sort {
        /** Newest first (the default). */
        NEWEST("-receivedAt"),
        /** The most escalated first, newest first within a level. */
        ESCALATION("-escalationLevel");

        /** How a client asks for it: {@code sort=-escalationLevel}. */
        public final String parameter;

        Sort(String parameter) {
            this.parameter = parameter;
        }

        /** The order a client asked for; 400 naming {@code sort} when it is none of ours. */
        public static Sort of(String value) {
            if (value == null || value.isBlank()) {
                return NEWEST;
            }
            for (Sort s : values()) {
                if (s.parameter.equals(value.trim())) {
                    return s;
                }
            }
            throw ProblemException.badField("sort", "'" + value + "' is not one of -receivedAt (the default, newest "
                    + "first), -escalationLevel (the most escalated first)");
        }
    }

    /** The orders of the worklist; each ends with the deadline and the id, so it is total and stable. */
    public enum WorklistSort {
        /** Nearest deadline first, so the longest overdue are on top (the default). */
        URGENCY("dueAt"),
        /** The most escalated first, nearest deadline first within a level. */
        ESCALATION("-escalationLevel");

        /** How a client asks for it: {@code sort=-escalationLevel}. */
        public final String parameter;

        WorklistSort(String parameter) {
            this.parameter = parameter;
        }

        /** The order a client asked for; 400 naming {@code sort} when it is none of ours. */
        public static WorklistSort of(String value) {
            if (value == null || value.isBlank()) {
                return URGENCY;
            }
            for (WorklistSort s : values()) {
                if (s.parameter.equals(value.trim())) {
                    return s;
                }
            }
            throw ProblemException.badField("sort", "'" + value + "' is not one of dueAt (the default, nearest "
                    + "deadline first), -escalationLevel (the most escalated first)");
        }
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
        complaints.createIndex(Indexes.descending("escalationLevel", "receivedAt", "_id"));
        complaints.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("escalationLevel"),
                Indexes.ascending("sla.dueAt")));
    }

    /**
     * Complaints stored before escalations existed have no {@code escalationLevel}; it is 0. Written once here so
     * that the filter and the keyset of {@code sort=-escalationLevel} never meet a missing value (which sorts apart
     * from 0). Not a change of the complaint: the revision stays.
     */
    void fillEscalationLevel(@Observes StartupEvent start) {
        Complaint.collection().updateMany(Filters.exists("escalationLevel", false), Updates.set("escalationLevel", 0));
    }

    /** Complaints matching {@code f}, in the order {@code sort}. */
    public Page<Complaint> search(Filter f, Sort sort, int limit, String cursor) {
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
        minEscalationLevel(and, f.minEscalationLevel());
        if (cursor != null) {
            and.add(sort == Sort.NEWEST ? afterNewest(Cursor.decode(cursor, 2))
                    : afterEscalation(Cursor.decode(cursor, 3)));
        }
        Bson order = sort == Sort.NEWEST ? Sorts.descending("receivedAt", "_id")
                : Sorts.descending("escalationLevel", "receivedAt", "_id");
        List<Complaint> found = Complaint.collection().find(and.isEmpty() ? new org.bson.Document() : Filters.and(and))
                .sort(order).limit(limit + 1).into(new ArrayList<>());
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            Complaint last = found.get(limit - 1);
            // the default order keeps the cursor it always had (two values); another order's has three
            next = sort == Sort.NEWEST ? Cursor.encode(last.receivedAt.toString(), last.id)
                    : Cursor.encode(String.valueOf(last.escalationLevel), last.receivedAt.toString(), last.id);
        }
        return new Page<>(found, next);
    }

    /** After (receivedAt, id) in the newest-first order. */
    private static Bson afterNewest(List<String> after) {
        Instant at = instant(after.get(0));
        return Filters.or(Filters.lt("receivedAt", at),
                Filters.and(Filters.eq("receivedAt", at), Filters.lt("_id", after.get(1))));
    }

    /** After (escalationLevel, receivedAt, id) in the most-escalated-first order. */
    private static Bson afterEscalation(List<String> after) {
        int level;
        try {
            level = Integer.parseInt(after.get(0));
        } catch (NumberFormatException e) {
            throw ProblemException.badField("cursor", "not a cursor returned by this endpoint");
        }
        Instant at = instant(after.get(1));
        return Filters.or(Filters.lt("escalationLevel", level),
                Filters.and(Filters.eq("escalationLevel", level), Filters.lt("receivedAt", at)),
                Filters.and(Filters.eq("escalationLevel", level), Filters.eq("receivedAt", at),
                        Filters.lt("_id", after.get(2))));
    }

    private static void minEscalationLevel(List<Bson> and, Integer min) {
        if (min != null && min > 0) {
            and.add(Filters.gte("escalationLevel", min));
        }
    }

    /**
     * Open complaints by urgency: nearest deadline first, so breached ones (deadline passed) are on top, the
     * longest overdue first (or the most escalated first, by urgency within a level). Complaints on hold wait on
     * the customer and are left out unless asked for.
     */
    public List<Complaint> worklist(String assignee, String team, boolean includeOnHold, Integer minEscalationLevel,
            WorklistSort sort, int limit) {
        List<Bson> and = new ArrayList<>();
        and.add(Filters.in("status", (includeOnHold ? OPEN : OPEN.subList(0, 3)).stream().map(Enum::name).toList()));
        eq(and, "assignee", assignee);
        eq(and, "team", team);
        minEscalationLevel(and, minEscalationLevel);
        Bson urgency = Sorts.ascending("sla.dueAt", "_id");
        return Complaint.collection().find(Filters.and(and))
                .sort(sort == WorklistSort.ESCALATION ? Sorts.orderBy(Sorts.descending("escalationLevel"), urgency) : urgency)
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
