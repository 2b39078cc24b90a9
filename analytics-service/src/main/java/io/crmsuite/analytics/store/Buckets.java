package io.crmsuite.analytics.store;

import java.util.List;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * Applies an {@link Op} to its daily bucket at most once: the bucket remembers the ids of its recent operations,
 * and the increment and the id go in the same single-document update.
 */
public final class Buckets {

    private Buckets() {
    }

    /** True when applied now, false when this operation was applied before. */
    public static boolean apply(Generation g, Op op, int opMemory) {
        if (op.inc().isEmpty()) {
            return false;
        }
        try {
            var result = g.daily().updateOne(Filters.and(Filters.eq("_id", op.day()), Filters.ne("ops", op.id())),
                    Updates.combine(new Document("$inc", op.inc()),
                            Updates.pushEach("ops", List.of(op.id()), new PushOptions().slice(-opMemory))),
                    new UpdateOptions().upsert(true));
            return result.getModifiedCount() + (result.getUpsertedId() == null ? 0 : 1) > 0;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // the bucket exists and already holds this operation
            }
            throw e;
        }
    }
}
