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

/**
 * Reads day buckets: a query costs the number of days it covers (times the partitions that wrote them), never
 * the number of events. A day has one bucket per Kafka partition ({@code <day>|<shard>}); readers add them up.
 */
final class Daily {

    private Daily() {
    }

    /**
     * Day buckets in [from, to) with only {@code sections} ("c", "u", "t", "b", "r" or a path below them, such as
     * "u.all._.purchases"); {@code _id} sorts by day.
     */
    static List<Document> between(Generation g, LocalDate from, LocalDate to, String... sections) {
        return find(g, Filters.and(Filters.gte("_id", from.toString()), Filters.lt("_id", to.toString())), sections);
    }

    /** Day buckets before {@code day}: for running totals such as the customer base or the backlog. */
    static List<Document> before(Generation g, LocalDate day, String section) {
        return find(g, Filters.lt("_id", day.toString()), section);
    }

    private static List<Document> find(Generation g, Bson filter, String... sections) {
        return g.buckets().find(filter).projection(Projections.include(sections)).sort(Sorts.ascending("_id"))
                .into(new ArrayList<>());
    }

    static LocalDate dayOf(Document bucket) {
        String id = bucket.getString("_id");
        return LocalDate.parse(id.substring(0, id.indexOf('|')));
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
