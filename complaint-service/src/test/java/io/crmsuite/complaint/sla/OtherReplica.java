package io.crmsuite.complaint.sla;

import java.time.Clock;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;

import io.crmsuite.complaint.complaint.ComplaintStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The SLA timers and scanner as another process (a replica, or this one after a restart) would run them: the shared
 * store, timers state of its own. Each call is a new process.
 */
@ApplicationScoped
public class OtherReplica {

    private final MongoClient mongo;
    private final String database;
    private final Clock clock;
    private final ComplaintStore store;
    private final SlaRecorder recorder;

    OtherReplica(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database, Clock clock,
            ComplaintStore store, SlaRecorder recorder) {
        this.mongo = mongo;
        this.database = database;
        this.clock = clock;
        this.store = store;
        this.recorder = recorder;
    }

    SlaTimers timers() {
        return new SlaTimers(mongo, database, clock);
    }

    SlaScanner scanner() {
        return scanner(timers());
    }

    SlaScanner scanner(SlaTimers timers) {
        return new SlaScanner(clock, store, recorder, timers);
    }
}
