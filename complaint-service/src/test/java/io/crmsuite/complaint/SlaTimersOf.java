package io.crmsuite.complaint;

import java.util.Collection;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.crmsuite.complaint.customers.KnownCustomer;

/**
 * Takes the SLA timers of a test's bulk complaints out of {@code sla_timers}. A test that takes in thousands of
 * complaints with 24-hour clocks leaves thousands of checks due a day later; the scanner takes 500 per scan, so a
 * later test that moves the clock a day and scans a few times would meet them before its own complaints.
 */
public final class SlaTimersOf {

    private SlaTimersOf() {
    }

    public static void forget(Collection<String> complaintIds) {
        List<String> ids = List.copyOf(complaintIds);
        for (int from = 0; from < ids.size(); from += 1000) {
            KnownCustomer.mongoDatabase().getCollection("sla_timers").updateMany(new Document(),
                    Updates.pull("due", Filters.in("id", ids.subList(from, Math.min(from + 1000, ids.size())))));
        }
    }
}
