package io.crmsuite.analytics.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

/**
 * The increments a batch of events makes, per bucket document: {@code _id} = {@code <day>|<shard>}, where the
 * shard names the Kafka partition the events came from (e.g. {@code c0} for partition 0 of complaint.events).
 * Each increment keeps the offset of its event, so a bucket that already holds an event skips it.
 */
public final class BucketBatch {

    /** One event's increments to one bucket. */
    record Entry(long offset, Document inc) {
    }

    /** The increments waiting for one bucket document. */
    record Bucket(String day, List<Entry> entries) {
    }

    private final Map<String, Bucket> buckets = new LinkedHashMap<>();

    public static String idOf(String day, String shard) {
        return day + "|" + shard;
    }

    /** Adds the increments of the event at {@code offset} of {@code shard}. */
    public void add(String shard, long offset, Increments increments) {
        increments.byDay().forEach((day, inc) -> add(shard, offset, day, inc));
    }

    public void add(String shard, long offset, String day, Document inc) {
        if (!inc.isEmpty()) {
            buckets.computeIfAbsent(idOf(day, shard), id -> new Bucket(day, new ArrayList<>()))
                    .entries().add(new Entry(offset, inc));
        }
    }

    boolean isEmpty() {
        return buckets.isEmpty();
    }

    Map<String, Bucket> buckets() {
        return buckets;
    }
}
