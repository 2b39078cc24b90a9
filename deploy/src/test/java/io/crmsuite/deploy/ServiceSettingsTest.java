package io.crmsuite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The settings read from the services' sources: what the environment checks compare the manifests against. */
class ServiceSettingsTest {

    private final Map<String, ServiceSettings> settings = Manifests.SETTINGS;

    @Test
    void envNameFollowsQuarkusRule() {
        assertEquals("CRM_SLA_DEFAULT_TARGET", ServiceSettings.envName("crm.sla.default-target"));
        assertEquals("QUARKUS_MONGODB_CONNECTION_STRING", ServiceSettings.envName("quarkus.mongodb.connection-string"));
        assertEquals("QUARKUS_LOG_CATEGORY__IO_CRMSUITE_GATEWAY_ACCESS__LEVEL",
                ServiceSettings.envName("quarkus.log.category.\"io.crmsuite.gateway.access\".level"));
    }

    @Test
    void acceptsEachServicesOwnSettings() {
        Map<String, List<String>> accepted = Map.of(
                "customer-service", List.of("CRM_CUSTOMERS_CURRENCY", "CRM_CUSTOMERS_TIERS_PLATINUM_SHARE",
                        "CRM_CUSTOMERS_TIERS_SCHEDULE", "CRM_CUSTOMERS_LIFECYCLE_CHURN_SCAN_EVERY",
                        "CRM_OUTBOX_POLL_INTERVAL", "CRM_OUTBOX_TRANSACTIONAL_ID", "QUARKUS_DATASOURCE_PASSWORD",
                        "QUARKUS_DATASOURCE_JDBC_URL", "KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE"),
                "complaint-service", List.of("CRM_SLA_DEFAULT_TARGET", "CRM_SLA_POLICIES_PLATINUM_TARGET",
                        "CRM_SLA_CALENDARS_OFFICE_HOLIDAYS", "CRM_SLA_SCAN_INTERVAL", "CRM_COMPLAINTS_MAX_OCCURRED_AGE",
                        "CRM_OUTBOX_SWEEP_INTERVAL", "QUARKUS_MONGODB_CONNECTION_STRING", "QUARKUS_MONGODB_DATABASE"),
                "analytics-service", List.of("CRM_ANALYTICS_RETENTION_WINDOW", "CRM_ANALYTICS_GAUGES_REFRESH",
                        "CRM_ANALYTICS_MAX_RANGE_DAYS", "QUARKUS_MONGODB_CONNECTION_STRING"),
                "webhook-service", List.of("CRM_WEBHOOKS_PRIVATE_TARGETS", "CRM_WEBHOOKS_ALLOW_HTTP",
                        "CRM_WEBHOOKS_DELIVERY_TIMEOUT", "CRM_WEBHOOKS_RETRY_WINDOW", "CRM_WEBHOOKS_RETRY_DISABLE_AFTER",
                        "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS"),
                "gateway", List.of("CRM_GATEWAY_BACKENDS_CUSTOMERS_URL", "CRM_GATEWAY_BACKENDS_WEBHOOKS_URL", "CRM_GATEWAY_BACKENDS_ANALYTICS_RESPONSE_TIMEOUT",
                        "CRM_GATEWAY_RATE_LIMITS_CLIENTS_ERP_BURST", "CRM_GATEWAY_JWT_PUBLIC_KEY_LOCATION",
                        "CRM_GATEWAY_API_KEYS_FILE", "QUARKUS_HTTP_CORS_ENABLED",
                        "QUARKUS_LOG_CATEGORY__IO_CRMSUITE_GATEWAY_ACCESS__LEVEL", "QUARKUS_SHUTDOWN_TIMEOUT"));
        accepted.forEach((module, variables) -> variables.forEach(variable ->
                assertTrue(settings.get(module).accepts(variable), module + " should accept " + variable)));
    }

    @Test
    void refusesWhatTheServiceDoesNotRead() {
        Map<String, List<String>> refused = Map.of(
                "customer-service", List.of("CRM_SLA_DEFAULT_TARGET", "QUARKUS_MONGODB_CONNECTION_STRING",
                        "CRM_CUSTOMERS_CURRENCIES", "CRM_OUTBOX_SWEEP_INTERVAL"),
                "complaint-service", List.of("CRM_SLA_DEFAULT_TARGE", "CRM_CUSTOMERS_CURRENCY",
                        "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_HTTP_PROT", "CRM_SLA_POLICIES_TARGET"),
                "analytics-service", List.of("CRM_SLA_DEFAULT_TARGET", "QUARKUS_DATASOURCE_JDBC_URL"),
                "webhook-service", List.of("CRM_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "QUARKUS_MONGODB_CONNECTION_STRING",
                        "CRM_OUTBOX_POLL_INTERVAL", "CRM_SLA_DEFAULT_TARGET"),
                "gateway", List.of("KAFKA_BOOTSTRAP_SERVERS", "CRM_OUTBOX_POLL_INTERVAL", "CRM_GATEWAY_BACKENDS_URL",
                        "QUARKUS_MONGODB_CONNECTION_STRING", "QUARKUS_VERTX_USE_ASYNC_DNZ"));
        refused.forEach((module, variables) -> variables.forEach(variable ->
                assertFalse(settings.get(module).accepts(variable), module + " should refuse " + variable)));
    }

    @Test
    void readsMappingNamesFromSource() {
        String source = """
                package x;
                /** Settings. interface Fake { String notAMethod(); } */
                @ConfigMapping(prefix = "crm.demo")
                public interface DemoConfig {
                    // String commented();
                    String URL_DEFAULT = "http://localhost"; // a constant, no setting
                    @WithDefault("PT1S")
                    Duration connectTimeout();
                    @WithName("renamed")
                    Optional<String> original();
                    Map<String, Backend> backends();
                    Map<String, String> labels();
                    Limits limits();
                    default String computed() { return "x;y"; }
                    interface Backend {
                        String url();
                        Optional<Limits> limits();
                    }
                    interface Limits {
                        @WithDefault("50") double rate();
                    }
                    enum Mode { A, B }
                    Mode mode();
                }
                """;
        assertEquals(List.of("crm.demo.connect-timeout", "crm.demo.renamed", "crm.demo.backends.*.url",
                "crm.demo.backends.*.limits.rate", "crm.demo.labels.*", "crm.demo.limits.rate", "crm.demo.mode"),
                ConfigMappings.names(source));
        assertThrows(IllegalStateException.class, () -> ConfigMappings.names("""
                @ConfigMapping(prefix = "crm.demo")
                interface DemoConfig {
                    @WithParentName Limits limits();
                    interface Limits { double rate(); }
                }
                """));
    }

    @Test
    void everyAllowListedQuarkusSettingIsUsedByADeploymentFile() throws IOException {
        String deploymentFiles = Files.readString(Repository.COMPOSE_FILE) + Manifests.existingInfrastructure()
                .stream().map(d -> ManifestChecks.values(d).keySet().toString()).collect(Collectors.joining());
        for (String property : ServiceSettings.QUARKUS_SETTINGS.keySet()) {
            assertTrue(deploymentFiles.contains(ServiceSettings.envName(property)),
                    property + " is allow-listed but set nowhere: remove it from the list");
        }
    }
}
