package io.crmsuite.platform.health;

/**
 * The health group a load balancer or Kubernetes readiness probe should ask ({@code /q/health/group/serving}):
 * only what this instance needs to answer requests (its own store), nothing it can do without for a while (Kafka:
 * writes wait in the outbox) and nothing of other services. {@code /q/health/ready} stays the whole picture for
 * operators; a probe on it would take every instance out of service during a Kafka outage, or the gateway with any
 * one service.
 */
public final class Serving {

    public static final String GROUP = "serving";

    private Serving() {
    }
}
