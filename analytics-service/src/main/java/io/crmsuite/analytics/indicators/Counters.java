package io.crmsuite.analytics.indicators;

import java.util.HashMap;
import java.util.Map;

import org.bson.Document;

/** Counters summed over buckets; nested bucket fields are flattened ({@code resH.3}). */
final class Counters {

    private final Map<String, Long> values = new HashMap<>();

    void add(Document doc) {
        add("", doc);
    }

    private void add(String prefix, Document doc) {
        if (doc == null) {
            return;
        }
        doc.forEach((k, v) -> {
            if (v instanceof Document nested) {
                add(prefix + k + ".", nested);
            } else if (v instanceof Number n) {
                values.merge(prefix + k, n.longValue(), Long::sum);
            }
        });
    }

    long get(String key) {
        return values.getOrDefault(key, 0L);
    }

    /** The histogram under {@code prefix} ({@code resH}) as bucket -> count. */
    Map<Integer, Long> histogram(String prefix) {
        Map<Integer, Long> hist = new HashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix + ".")) {
                hist.merge(Integer.parseInt(k.substring(prefix.length() + 1)), v, Long::sum);
            }
        });
        return hist;
    }

    static Double ratio(long part, long whole, int decimals) {
        return whole == 0 ? null : round((double) part / whole, decimals);
    }

    static Double round(Double value, int decimals) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
