package io.crmsuite.gateway.health;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.crmsuite.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** The gateway is ready when every service behind it reports ready; the answer lists each one. */
@Readiness
@ApplicationScoped
public class BackendsReadinessCheck implements HealthCheck {

    private final GatewayConfig config;
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1)).build();

    BackendsReadinessCheck(GatewayConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("backends").up();
        Map<String, GatewayConfig.Backend> backends = new TreeMap<>(config.backends());
        backends.forEach((name, backend) -> {
            String state = readiness(backend.url());
            response.withData(name, state);
            if (!"UP".equals(state)) {
                response.down();
            }
        });
        return response.build();
    }

    private String readiness(String baseUrl) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            int status = http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? "UP" : "DOWN (" + status + ")";
        } catch (java.io.IOException e) {
            return "DOWN (unreachable)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "DOWN (interrupted)";
        }
    }
}
