package io.crmsuite.analytics.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bson.Document;

/** The increments one event makes, per day bucket (UTC day): {@code field -> amount}, nested fields dotted. */
public final class Increments {

    /** The key of a value that is absent on purpose (a churn naming no competitor), apart from UNKNOWN. */
    public static final String NONE = "-";

    private final Map<String, Document> byDay = new LinkedHashMap<>();

    public static String dayOf(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    public Increments add(Instant at, String field, long amount) {
        return add(dayOf(at), field, amount);
    }

    public Increments add(String day, String field, long amount) {
        if (amount != 0) {
            Document inc = byDay.computeIfAbsent(day, d -> new Document());
            inc.put(field, inc.get(field, 0L) + amount);
        }
        return this;
    }

    /** The same counter under every dimension value: {@code prefix.<dim>.<value>.<counter>}. */
    public Increments addAll(Instant at, String prefix, Map<String, String> dimensions, String counter, long amount) {
        dimensions.forEach((dim, value) -> add(at, prefix + "." + dim + "." + value + "." + counter, amount));
        return this;
    }

    /** A dimension value as a field name: MongoDB field names may not contain '.' or start with '$'. */
    public static String key(String value) {
        if (value == null || value.isBlank()) {
            return "UNKNOWN";
        }
        return value.replace('.', '_').replace('$', '_');
    }

    public boolean isEmpty() {
        return byDay.values().stream().allMatch(Document::isEmpty);
    }

    /** day -> the increments of that day. */
    public Map<String, Document> byDay() {
        return byDay;
    }
}
