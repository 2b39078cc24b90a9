package io.crmsuite.gateway.config;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Gateway settings, under {@code crm.gateway}. */
@ConfigMapping(prefix = "crm.gateway")
public interface GatewayConfig {

    /** The services behind the gateway, by route name: {@code customers}, {@code complaints}, {@code analytics}. */
    Map<String, Backend> backends();

    interface Backend {

        /** Base URL of the service, e.g. {@code http://localhost:8081}. */
        String url();

        /** How long to wait for a connection to the service. */
        @WithDefault("PT1S")
        Duration connectTimeout();

        /** How long to wait for the service's answer before a 504. */
        @WithDefault("PT10S")
        Duration responseTimeout();
    }
}
