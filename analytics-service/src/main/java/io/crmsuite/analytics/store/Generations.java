package io.crmsuite.analytics.store;

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

    /** Makes {@code g} the state every query and consumer uses from now on; drops the one it replaces. */
    public void switchTo(Generation g) {
        Generation old = active();
        control.replaceOne(Filters.eq("_id", "active"), new Document("_id", "active").append("generation", g.number()),
                new ReplaceOptions().upsert(true));
        active = g;
        if (old.number() != g.number()) {
            old.drop();
        }
    }
}
