package io.crmsuite.analytics.store;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Which generation of the state queries and the live consumers use; a rebuild prepares the next one. */
@ApplicationScoped
public class Generations {

    private final MongoDatabase db;
    private final MongoCollection<Document> control;
    private volatile Generation active;
    /** Read: applying events to the active generation; write: switching to another. */
    private final ReentrantReadWriteLock switching = new ReentrantReadWriteLock();

    Generations(MongoClient client,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.db = client.getDatabase(database);
        this.control = db.getCollection("analytics_control");
    }

    void load(@Observes StartupEvent start) {
        active();
    }

    public Generation active() {
        Generation current = active;
        if (current == null) {
            Document doc = control.find(Filters.eq("_id", "active")).first();
            current = Generation.of(db, doc == null ? 1 : doc.getInteger("generation"));
            current.createIndexes();
            active = current;
        }
        return current;
    }

    /** A fresh, empty generation after the active one, for a rebuild. */
    public Generation next() {
        Generation next = Generation.of(db, active().number() + 1);
        next.drop();
        next.createIndexes();
        return next;
    }

    /** Runs {@code work} (applying events) against the active generation; a switch waits for it. */
    public <T> T withActive(Function<Generation, T> work) {
        switching.readLock().lock();
        try {
            return work.apply(active());
        } finally {
            switching.readLock().unlock();
        }
    }

    /**
     * Makes {@code g} active once {@code finalCatchUp} has run while no event is applied to the active generation:
     * whatever the live consumers applied to the old generation before is on the topics, so a catch-up to the
     * topics' ends covers it; whatever they apply afterwards goes to {@code g}.
     */
    public void switchTo(Generation g, Runnable finalCatchUp) {
        switching.writeLock().lock();
        try {
            finalCatchUp.run();
            switchTo(g);
        } finally {
            switching.writeLock().unlock();
        }
    }

    /** Makes {@code g} the state every query and consumer uses from now on; drops the one it replaces. */
    private void switchTo(Generation g) {
        Generation old = active();
        control.replaceOne(Filters.eq("_id", "active"), new Document("_id", "active").append("generation", g.number()),
                new ReplaceOptions().upsert(true));
        active = g;
        if (old.number() != g.number()) {
            old.drop();
        }
    }
}
