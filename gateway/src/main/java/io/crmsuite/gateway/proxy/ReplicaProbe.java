package io.crmsuite.gateway.proxy;

import org.jboss.logging.Logger;

import io.crmsuite.gateway.config.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Asks a replica in trouble ({@link Replica#inTrouble}: its connections failed, or it answered 503 with
 * Retry-After) for its readiness every {@code crm.gateway.probe-interval}, and lets it take requests again as soon
 * as it answers 200. Passive health alone learns from traffic only: a replica that came back stayed passed over
 * until its breaker's open time ran out and a trial request went through, so for up to {@code breaker-open-for}
 * after a restart the route rested on the other replicas alone, and the other one dying then left none (measured
 * by bench/faults.sh: 502s and 503s at the second replica's kill). Healthy replicas are never probed; a failed probe
 * changes nothing (traffic already counts failures).
 */
@ApplicationScoped
public class ReplicaProbe {

    private static final Logger LOG = Logger.getLogger(ReplicaProbe.class);

    private final GatewayRoutes routes;
    private final Vertx vertx;
    private final long intervalMs;

    ReplicaProbe(GatewayRoutes routes, Vertx vertx, GatewayConfig config) {
        this.routes = routes;
        this.vertx = vertx;
        this.intervalMs = config.probeInterval().toMillis();
    }

    void start(@Observes StartupEvent started) {
        if (intervalMs > 0) {
            vertx.setPeriodic(intervalMs, id -> probeTroubledReplicas());
        }
    }

    void probeTroubledReplicas() {
        for (Backend backend : routes.backends().values()) {
            for (Replica replica : backend.replicas()) {
                if (replica.inTrouble()) {
                    probe(backend, replica);
                }
            }
        }
    }

    private void probe(Backend backend, Replica replica) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(replica.url.host())
                .setPort(replica.url.port()).setURI("/q/health/ready").setConnectTimeout(backend.connectTimeoutMs)
                .setIdleTimeout(Math.min(intervalMs, backend.responseTimeoutMs));
        replica.client().request(options).compose(request -> request.send()).onSuccess(answer -> {
            answer.body(); // drained, so that the connection goes back to the pool
            if (answer.statusCode() == 200 && replica.inTrouble()) {
                replica.probedReady();
                LOG.infof("%s replica %s is ready again: it takes requests", backend.service, replica);
            }
        });
    }
}
