package io.crmsuite.complaint.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * A lease in the {@code leases} collection: the replica holding it is the only one relaying, so the events of a
 * complaint leave in order. A replica that dies loses the lease after {@link #TERM}.
 */
@ApplicationScoped
public class RelayLease {

    static final Duration TERM = Duration.ofSeconds(10);
    private static final String NAME = "complaint-outbox-relay";

    private final String me = UUID.randomUUID().toString();
    private final Clock clock;
    private final MongoCollection<Document> leases;

    RelayLease(Clock clock, MongoClient client,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.clock = clock;
        this.leases = client.getDatabase(database).getCollection("leases");
    }

    /** Takes or renews the lease; false while another replica holds it. */
    public boolean acquire() {
        Instant now = Instant.now(clock);
        try {
            leases.updateOne(Filters.and(Filters.eq("_id", NAME),
                    Filters.or(Filters.eq("owner", me), Filters.lt("until", now))),
                    Updates.combine(Updates.set("owner", me), Updates.set("until", now.plus(TERM))),
                    new UpdateOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // the lease exists and is someone else's
            }
            throw e;
        }
    }

}
