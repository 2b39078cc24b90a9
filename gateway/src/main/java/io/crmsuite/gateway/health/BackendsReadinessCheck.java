package io.crmsuite.gateway.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.crmsuite.gateway.config.GatewayConfig;
import io.crmsuite.gateway.config.ReplicaUrl;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The gateway is ready when every route has a ready replica: it balances around one that is not. The answer lists
 * each route ({@code UP}, {@code UP (1 of 2 replicas ready)}, {@code DOWN (...)}) and each replica, as
 * {@code "<route> <url>"}. The replicas are asked all at once, so a dead one costs the check its timeout once.
 */
@Readiness
@ApplicationScoped
public class BackendsReadinessCheck implements HealthCheck {

    private static final String UP = "UP";

    private final GatewayConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    BackendsReadinessCheck(GatewayConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, Map<ReplicaUrl, CompletableFuture<String>>> asked = new TreeMap<>();
        config.backends().forEach((route, backend) -> {
            Map<ReplicaUrl, CompletableFuture<String>> replicas = new LinkedHashMap<>();
            backend.url().forEach(url -> replicas.put(url, readiness(url)));
            asked.put(route, replicas);
        });
        HealthCheckResponseBuilder response = HealthCheckResponse.named("backends").up();
        asked.forEach((route, replicas) -> {
            List<String> states = replicas.values().stream().map(CompletableFuture::join).toList();
            long ready = states.stream().filter(UP::equals).count();
            if (ready == 0) {
                response.down();
            }
            response.withData(route, summary(states, ready));
            replicas.forEach((url, state) -> response.withData(route + " " + url, state.join()));
        });
        return response.build();
    }

    /** One replica: its own state, as before replicas; several: how many are ready. */
    private static String summary(List<String> states, long ready) {
        if (states.size() == 1) {
            return states.get(0);
        }
        if (ready == states.size()) {
            return UP;
        }
        return (ready == 0 ? "DOWN (" : "UP (") + ready + " of " + states.size() + " replicas ready)";
    }

    private CompletableFuture<String> readiness(ReplicaUrl url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(answer -> answer.statusCode() == 200 ? UP : "DOWN (" + answer.statusCode() + ")")
                .exceptionally(failure -> "DOWN (unreachable)");
    }
}
