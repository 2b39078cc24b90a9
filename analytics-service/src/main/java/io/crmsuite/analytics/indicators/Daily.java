package io.crmsuite.analytics.indicators;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;

import io.crmsuite.analytics.store.Generation;

/** Reads daily buckets: a query costs the number of days it covers, never the number of events. */
final class Daily {

    private Daily() {
    }

    /** Day buckets in [from, to) with only {@code section} ("c", "u", "t", "b" or "r"). */
    static List<Document> between(Generation g, LocalDate from, LocalDate to, String section) {
        return find(g, Filters.and(Filters.gte("_id", from.toString()), Filters.lt("_id", to.toString())), section);
    }

    /** Day buckets before {@code day}: for running totals such as the customer base or the backlog. */
    static List<Document> before(Generation g, LocalDate day, String section) {
        return find(g, Filters.lt("_id", day.toString()), section);
    }

    private static List<Document> find(Generation g, Bson filter, String section) {
        return g.daily().find(filter).projection(Projections.include(section)).sort(Sorts.ascending("_id"))
                .into(new ArrayList<>());
    }

    static LocalDate dayOf(Document bucket) {
        return LocalDate.parse(bucket.getString("_id"));
    }

    /** {@code doc.a.b.c}, or null. */
    static Document path(Document doc, String... keys) {
        Document current = doc;
        for (String key : keys) {
            if (current == null) {
                return null;
            }
            Object next = current.get(key);
            current = next instanceof Document d ? d : null;
        }
        return current;
    }
}
