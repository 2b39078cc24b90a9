package io.crmsuite.gateway.proxy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.crmsuite.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

/**
 * One service behind the gateway: the replicas of a route, taken in turn (round-robin). Replicas are equal and
 * a request costs them about the same, so taking them in turn spreads the load as evenly as counting outstanding
 * requests would, without a shared count written twice per request from every event loop.
 */
final class Backend {

    final String route;
    final String service;
    final long connectTimeoutMs;
    final long responseTimeoutMs;
    private final List<Replica> replicas;
    private final AtomicInteger turn = new AtomicInteger();

    Backend(Vertx vertx, String route, GatewayConfig.Backend config, MeterRegistry registry) {
        this.route = route;
        this.service = config.service().orElse(switch (route) {
            case "customers" -> "customer-service";
            case "complaints" -> "complaint-service";
            case "analytics" -> "analytics-service";
            case "webhooks" -> "webhook-service";
            default -> route;
        });
        this.connectTimeoutMs = config.connectTimeout().toMillis();
        this.responseTimeoutMs = config.responseTimeout().toMillis();
        List<Replica> list = new ArrayList<>();
        config.url().forEach(url -> list.add(new Replica(vertx, route, url, config, registry)));
        this.replicas = List.copyOf(list);
    }

    List<Replica> replicas() {
        return replicas;
    }

    /**
     * The replica for the next attempt of a request, or null when none of those it has not tried can take it.
     * In turn from the next one: the first that is not backing off and whose breaker lets the request through;
     * when every one left is backing off, the one whose back-off ends first (its breaker permitting), because a
     * replica that might answer is better than an error. A half-open breaker's one trial is only taken by the
     * replica returned.
     */
    Replica choose(long now, List<Replica> tried) {
        int count = replicas.size();
        int first = count == 1 ? 0 : Math.floorMod(turn.getAndIncrement(), count);
        List<Replica> backingOff = null;
        for (int i = 0; i < count; i++) {
            Replica replica = replicas.get((first + i) % count);
            if (tried.contains(replica)) {
                continue;
            }
            if (replica.backoff.skipped(now)) {
                if (backingOff == null) {
                    backingOff = new ArrayList<>(count);
                }
                backingOff.add(replica);
            } else if (replica.breaker.allowRequest(now)) {
                if (i > 0) {
                    // the turn moves past the replica chosen, not just past the one passed over: otherwise the
                    // replica after a passed-over one would take its turns too, twice the others' share
                    turn.addAndGet(i);
                }
                return replica;
            }
        }
        if (backingOff != null) {
            backingOff.sort(Comparator.comparingLong(replica -> replica.backoff.skippedUntil() - now));
            for (Replica replica : backingOff) {
                if (replica.breaker.allowRequest(now)) {
                    return replica;
                }
            }
        }
        return null;
    }

    /** Seconds until the first replica's open breaker lets a trial through. */
    long retryAfterSeconds(long now) {
        return replicas.stream().mapToLong(replica -> replica.breaker.retryAfterSeconds(now)).min().orElse(1);
    }
}
