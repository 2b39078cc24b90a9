package io.crmsuite.platform.store;

import org.eclipse.microprofile.health.HealthCheckResponse;

import com.mongodb.client.MongoClient;
import com.mongodb.connection.ClusterDescription;

/**
 * Readiness of a MongoDB store from what the driver's monitor already knows: answers at once, where Quarkus's own
 * check pings and waits up to the read timeout (30 s) while the store is gone. Not a bean here (customer-service
 * has no MongoDB client); each MongoDB service declares a one-line {@code @Readiness} check that calls it.
 */
public final class MongoReadiness {

    private MongoReadiness() {
    }

    public static HealthCheckResponse of(MongoClient client) {
        ClusterDescription cluster = client.getClusterDescription();
        boolean writable = cluster.hasWritableServer();
        return HealthCheckResponse.named("mongodb").status(writable)
                .withData("cluster", cluster.getType().name())
                .withData("reason", writable ? "a primary accepts writes" : "no server accepts writes now")
                .build();
    }
}
