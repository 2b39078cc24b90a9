package io.crmsuite.webhook.health;

import java.sql.Connection;

import javax.sql.DataSource;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.crmsuite.platform.health.Serving;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;

/** Ready to serve only while PostgreSQL answers: every request and every delivery needs it. */
@Readiness
@HealthGroup(Serving.GROUP)
@ApplicationScoped
public class StoreReadinessCheck implements HealthCheck {

    private static final int TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;

    StoreReadinessCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(TIMEOUT_SECONDS);
            return HealthCheckResponse.named("postgresql").status(valid).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("postgresql").down().withData("reason", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
