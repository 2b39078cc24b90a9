package io.crmsuite.webhook.config;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.crmsuite.webhook.outbound.TargetPolicy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** webhook-service settings, under {@code crm.webhooks}. */
@ConfigMapping(prefix = "crm.webhooks")
public interface WebhookConfig {

    /**
     * Which hosts that resolve to a non-public address (private, loopback, link-local, unique-local, multicast,
     * unspecified) a subscription may target: {@code refuse} (production: server-side request forgery),
     * {@code loopback} (local development, receivers on the same machine; {@code ./crm up} sets it) or
     * {@code allow} (a closed network whose every host may receive).
     */
    @WithDefault("refuse")
    TargetPolicy.PrivateTargets privateTargets();

    /**
     * Ports never called on a non-public address, whatever {@code private-targets} allows: the suite's own services
     * and stores, when receivers may share their machine or network ({@code ./crm up} lists its ports here), so that
     * a subscriber cannot use a webhook, or its test, to reach them past the gateway.
     */
    Optional<Set<Integer>> refusedPorts();

    /** Whether a subscription may use plain http; otherwise https is required. On for local development only. */
    @WithDefault("false")
    boolean allowHttp();

    /** Creates the database of the JDBC URL at start-up when the server does not have it yet. */
    @WithDefault("true")
    boolean createDatabase();

    /** The most subscriptions one client may hold. */
    @WithDefault("100")
    int maxSubscriptionsPerOwner();

    /** How long the secret replaced by a rotation still signs deliveries (a second signature), for a calm switch. */
    @WithDefault("PT24H")
    Duration secretRotationOverlap();

    Delivery delivery();

    Retry retry();

    Paging paging();

    interface Delivery {

        /** The whole of one attempt (connect, send, answer): a receiver slower than this has failed the attempt. */
        @WithDefault("PT15S")
        Duration timeout();

        /** How long connecting to a receiver may take, within {@link #timeout()}. */
        @WithDefault("PT5S")
        Duration connectTimeout();

        /** Attempts in flight at once in one replica, over all subscriptions. */
        @WithDefault("64")
        int maxInFlight();

        /**
         * Attempts in flight at once for one subscription, over all replicas (counted from the leases in the store;
         * two replicas claiming at the same instant may exceed it briefly), of different aggregates: one aggregate's
         * deliveries go one after another. Below {@link #maxInFlight()}, so that a slow receiver never holds every
         * slot of a replica and the other subscriptions go on.
         */
        @WithDefault("4")
        int maxInFlightPerSubscription();

        /** How often each replica looks for deliveries that are due. */
        @WithDefault("0.2s")
        Duration pollInterval();

        /** How much of a receiver's answer is read (and kept as the attempt's response); the rest is not read. */
        @WithDefault("4096")
        int maxResponseBytes();

        /** Delivered and failed deliveries (and their events) are kept this long, then purged. */
        @WithDefault("P7D")
        Duration retention();

        /** How often the Prometheus gauges (pending deliveries, lag per subscription) are read from the store. */
        @WithDefault("5s")
        Duration metricsRefresh();
    }

    interface Retry {

        /** The pause after the first failed attempt; each further failure multiplies it. */
        @WithDefault("PT5S")
        Duration initialDelay();

        /** Factor between consecutive pauses. */
        @WithDefault("2")
        double multiplier();

        /** The longest pause between two attempts. */
        @WithDefault("PT1H")
        Duration maxDelay();

        /** Random share added to or taken from each pause (0.2: +/- 20%), so that retries do not come in waves. */
        @WithDefault("0.2")
        double jitter();

        /** How long a delivery is retried; a failure after this marks it FAILED (the last attempt is at the end). */
        @WithDefault("PT24H")
        Duration window();

        /** A subscription without a successful delivery for this long, while failing, is disabled with the reason. */
        @WithDefault("P3D")
        Duration disableAfter();
    }

    interface Paging {

        /** Items per page when the client does not say. */
        @WithDefault("50")
        int defaultLimit();

        /** The largest page a client may ask for. */
        @WithDefault("500")
        int maxLimit();
    }
}
