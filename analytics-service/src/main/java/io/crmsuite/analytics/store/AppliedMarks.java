package io.crmsuite.analytics.store;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * The time of the newest event applied, one small document per shard (the queries' {@code asOf}): a busy
 * partition writes its own document once per batch, never one every consumer shares.
 */
public final class AppliedMarks {

    private AppliedMarks() {
    }

    /** {@code newest}: shard -> the newest event time of the batch in that shard. */
    public static void record(Generation g, Map<String, Instant> newest) {
        newest.forEach((shard, at) -> g.applied().updateOne(Filters.eq("_id", shard),
                Updates.max("at", Date.from(at)), new UpdateOptions().upsert(true)));
    }
}
