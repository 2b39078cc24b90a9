package io.crmsuite.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/** Gateway settings, under {@code crm.gateway}. */
@ConfigMapping(prefix = "crm.gateway")
public interface GatewayConfig {

    /**
     * The services behind the gateway, by route name: {@code customers}, {@code complaints}, {@code analytics},
     * {@code webhooks}.
     */
    Map<String, Backend> backends();

    /** The API key file ({@code ./crm keys} writes it): one client per line, keys stored as SHA-256 hashes. */
    @WithDefault(".crm/api-keys")
    String apiKeysFile();

    /**
     * The address clients reach the gateway at, given as the {@code servers} entry of {@code /api/openapi} so that
     * generated clients call the right host. By default {@code /}: relative to wherever the document was fetched
     * from, which is right behind any host name or proxy without a setting.
     */
    @WithDefault("/")
    String publicUrl();

    /**
     * How often a backed-off replica (its connections failed, or it answered 503 with Retry-After) is asked for
     * its readiness, so that it takes requests again as soon as it is ready; 0 turns the probe off.
     */
    @WithDefault("PT1S")
    Duration probeInterval();

    /**
     * The license of {@code /api/openapi}, as an SPDX identifier: the repository carries none, so by default the
     * API is described as proprietary ({@code LicenseRef-Proprietary}, SPDX's form for terms it does not list); an
     * operator publishing it under other terms names them ({@code Apache-2.0}, ...).
     */
    @WithDefault("LicenseRef-Proprietary")
    String apiLicense();

    Jwt jwt();

    RateLimits rateLimits();

    /** Requests with a larger declared body are refused with 413 before they reach a service. */
    @WithDefault("1048576")
    long maxBodyBytes();

    interface Backend {

        /**
         * Base URLs of the service's replicas, separated by commas, e.g. {@code http://localhost:8081} or
         * {@code http://localhost:8081,http://localhost:8181}; plain http only ({@link ReplicaUrl}).
         */
        List<@WithConverter(ReplicaUrl.Converter.class) ReplicaUrl> url();

        /** The service's name in problem documents and logs. */
        Optional<String> service();

        /** How long to wait for a connection to a replica before trying another (when allowed) or a 502. */
        @WithDefault("PT1S")
        Duration connectTimeout();

        /** How long to wait for a replica's answer before a 504 (never retried: the request went out). */
        @WithDefault("PT10S")
        Duration responseTimeout();

        /** Consecutive failures of a replica (5xx, timeouts, failed connections) that open its circuit breaker. */
        @WithDefault("5")
        int breakerFailures();

        /** How long an open breaker passes its replica over before letting one trial request through. */
        @WithDefault("PT10S")
        Duration breakerOpenFor();

        /**
         * How long a replica whose connection failed is passed over while another replica can take the request;
         * doubled at each further failure in a row, up to {@link #replicaBackoffMax()}.
         */
        @WithDefault("PT1S")
        Duration replicaBackoff();

        /** The longest a replica is passed over: after failed connections, or after a 503 with Retry-After. */
        @WithDefault("PT8S")
        Duration replicaBackoffMax();
    }

    interface Jwt {

        /** The issuer (iss) bearer tokens must carry; bearer tokens are refused when not set. */
        Optional<String> issuer();

        /** The audience (aud) a token must name: a token issued for another service is refused. */
        @WithDefault("crm-suite")
        String audience();

        /** PEM file with the RSA or EC public key that signs the tokens. */
        Optional<String> publicKeyLocation();

        /**
         * The issuer's JSON Web Key Set (https, or http to a loopback address): keys are chosen by {@code kid},
         * fetched at start, every {@link #jwksRefresh()} and when a token names a key not known yet.
         */
        Optional<String> jwksUrl();

        @WithDefault("PT5M")
        Duration jwksRefresh();
    }

    interface RateLimits {

        /** Limit of a client whose roles have none configured. */
        Limit defaults();

        /** Limits by role (the most generous of a client's roles applies). */
        Map<String, Limit> roles();

        /** Limits for named clients, over their roles' ones. */
        Map<String, Limit> clients();
    }

    interface Limit {

        /** Requests per second, sustained. */
        @WithDefault("50")
        double rate();

        /** Requests a client may send at once above the rate. */
        @WithDefault("100")
        int burst();
    }
}
