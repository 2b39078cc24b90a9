package io.crmsuite.analytics.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.HealthGroup;

import com.mongodb.client.MongoClient;

import io.crmsuite.platform.health.Serving;
import io.crmsuite.platform.store.MongoReadiness;
import jakarta.enterprise.context.ApplicationScoped;

/** Ready only while MongoDB accepts writes; answers at once during an outage (see MongoReadiness). */
@Readiness
@HealthGroup(Serving.GROUP)
@ApplicationScoped
public class StoreReadinessCheck implements HealthCheck {

    private final MongoClient client;

    StoreReadinessCheck(MongoClient client) {
        this.client = client;
    }

    @Override
    public HealthCheckResponse call() {
        return MongoReadiness.of(client);
    }
}
