package io.crmsuite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each check finds the fault it is there for: a copy of the real manifests (or compose file) with one fault
 * must make exactly that check report a problem naming it. Without this, a check that can never fail would pass
 * unnoticed.
 */
class ChecksCanFailTest {

    @Test
    void anObjectWithoutName() {
        assertFault(docs -> Doc.map(object(docs, "Service", "gateway").content(), "metadata").remove("name"),
                ManifestChecks::identified, "has no metadata.name");
    }

    @Test
    void anUnknownKindOrApiVersion() {
        assertFault(docs -> object(docs, "Service", "gateway").content().put("kind", "Servic"),
                ManifestChecks::knownKinds, "unknown kind");
        assertFault(docs -> object(docs, "HorizontalPodAutoscaler", "gateway").content()
                .put("apiVersion", "autoscaling/v1"), ManifestChecks::knownKinds, "expected autoscaling/v2");
    }

    @Test
    void aProbeOnAnotherPathOrPort() {
        assertFault(docs -> container(docs, "complaint-service").put("readinessProbe",
                Map.of("httpGet", Map.of("path", "/health", "port", "http"))),
                ManifestChecks::deployments, "readinessProbe asks /health");
        assertFault(docs -> container(docs, "complaint-service").put("livenessProbe",
                Map.of("httpGet", Map.of("path", "/q/health/ready", "port", "http"))),
                ManifestChecks::deployments, "expected /q/health/live");
        assertFault(docs -> container(docs, "analytics-service").put("startupProbe",
                Map.of("httpGet", Map.of("path", "/q/health/started", "port", 9000))),
                ManifestChecks::deployments, "startupProbe asks port 9000");
    }

    @Test
    void aContainerPortOtherThanTheServicesHttpPort() {
        assertFault(docs -> Doc.maps(container(docs, "customer-service"), "ports").get(0).put("containerPort", 8090),
                ManifestChecks::deployments, "(quarkus.http.port of customer-service)");
    }

    @Test
    void aSingleReplicaOrNoLimits() {
        assertFault(docs -> Doc.map(object(docs, "Deployment", "gateway").content(), "spec").put("replicas", 1),
                ManifestChecks::deployments, "replicas 1");
        assertFault(docs -> Doc.map(container(docs, "gateway"), "resources").remove("limits"),
                ManifestChecks::deployments, "no resources.limits.cpu");
    }

    @Test
    void aServiceSelectingNothingOrAnotherPort() {
        assertFault(docs -> Doc.map(object(docs, "Service", "customer-service").content(), "spec")
                .put("selector", Map.of("app.kubernetes.io/name", "customers")),
                ManifestChecks::services, "selects 0 Deployments");
        assertFault(docs -> Doc.maps(object(docs, "Service", "customer-service").content(), "spec", "ports").get(0)
                .put("targetPort", "web"), ManifestChecks::services, "targetPort web");
    }

    @Test
    void anAutoscalerOrBudgetWithoutItsDeployment() {
        assertFault(docs -> Doc.map(object(docs, "HorizontalPodAutoscaler", "gateway").content(), "spec",
                "scaleTargetRef").put("name", "gateways"), ManifestChecks::autoscalersAndBudgets,
                "is no Deployment of these manifests");
        assertFault(docs -> Doc.map(object(docs, "PodDisruptionBudget", "analytics-service").content(), "spec",
                "selector").put("matchLabels", Map.of("app.kubernetes.io/name", "analytics")),
                ManifestChecks::autoscalersAndBudgets, "selects 0 Deployments");
        assertFault(docs -> {
            Map<String, Object> spec = Doc.map(object(docs, "PodDisruptionBudget", "analytics-service").content(),
                    "spec");
            spec.remove("maxUnavailable");
            spec.put("minAvailable", 2);
        }, ManifestChecks::autoscalersAndBudgets, "no pod may ever be evicted");
        assertFault(docs -> docs.remove(object(docs, "HorizontalPodAutoscaler", "complaint-service")),
                ManifestChecks::autoscalersAndBudgets, "not exactly one HorizontalPodAutoscaler");
    }

    @Test
    void anEnvironmentVariableThatIsNoSettingOfTheService() {
        assertFault(docs -> data(docs, "complaint-service").put("CRM_SLA_DEFAULT_TARGE", "PT4H"),
                ManifestChecks::environment, "CRM_SLA_DEFAULT_TARGE is no setting of complaint-service");
        assertFault(docs -> data(docs, "customer-service").put("CRM_SLA_DEFAULT_TARGET", "PT4H"),
                ManifestChecks::environment, "CRM_SLA_DEFAULT_TARGET is no setting of customer-service");
        assertFault(docs -> container(docs, "gateway").put("env",
                List.of(Map.of("name", "KAFKA_BOOTSTRAP_SERVERS", "value", "kafka:9092"))),
                ManifestChecks::environment, "KAFKA_BOOTSTRAP_SERVERS is no setting of gateway");
        assertFault(docs -> docs.remove(object(docs, "Secret", "crm-mongodb")),
                ManifestChecks::environment, "envFrom Secret/crm-mongodb, which does not exist");
    }

    @Test
    void aRootOrWritableContainer() {
        assertFault(docs -> Doc.map(object(docs, "Deployment", "complaint-service").content(), "spec", "template",
                "spec", "securityContext").put("runAsUser", 0), m -> m.securityContexts(185), "runAsUser 0");
        assertFault(docs -> Doc.map(container(docs, "complaint-service"), "securityContext")
                .put("readOnlyRootFilesystem", false), m -> m.securityContexts(185), "readOnlyRootFilesystem");
        assertFault(docs -> container(docs, "gateway").put("volumeMounts", List.of()),
                m -> m.securityContexts(185), "/tmp is not an emptyDir");
    }

    @Test
    void aGatewayThatCannotReachAServiceOrReadItsKeys() {
        assertFault(docs -> data(docs, "gateway").put("CRM_GATEWAY_BACKENDS_COMPLAINTS_URL",
                "http://complaint-service:8083"), ManifestChecks::gateway, "is not a port of the Service");
        assertFault(docs -> data(docs, "gateway").put("CRM_GATEWAY_API_KEYS_FILE", "/etc/crm/api-keys"),
                ManifestChecks::gateway, "is not a key of a Secret mounted at /etc/crm");
        assertFault(docs -> Doc.maps(container(docs, "gateway"), "volumeMounts").get(1).put("subPath", "api-keys"),
                ManifestChecks::gateway, "without subPath");
        assertFault(docs -> Doc.maps(object(docs, "Deployment", "gateway").content(), "spec", "template", "spec",
                "volumes").get(1).put("secret", Map.of("secretName", "gateway-api-keys", "defaultMode", 0444)),
                ManifestChecks::gateway, "defaultMode is 444");
    }

    @Test
    void aRealPasswordInASecret() {
        assertFault(docs -> Doc.map(object(docs, "Secret", "crm-postgresql").content(), "stringData")
                .put("QUARKUS_DATASOURCE_PASSWORD", "s3cret"), ManifestChecks::placeholderSecrets,
                "QUARKUS_DATASOURCE_PASSWORD is not the placeholder");
        assertFault(docs -> Doc.map(object(docs, "Secret", "crm-mongodb").content(), "stringData")
                .put("QUARKUS_MONGODB_CONNECTION_STRING", "mongodb://crm:s3cret@mongodb:27017/admin"),
                ManifestChecks::placeholderSecrets, "carries a password");
        assertFault(docs -> Doc.map(object(docs, "Secret", "gateway-api-keys").content(), "stringData")
                .put("api-keys", "erp:abc123:internal:2026-01-01T00:00:00Z\n"),
                ManifestChecks::placeholderSecrets, "holds key lines");
    }

    @Test
    void aKustomizationReferencingAMissingFileOrLeavingOneOut(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(Kustomization.FILE), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - present.yaml
                  - missing.yaml
                patches:
                  - path: gone.yaml
                configMapGenerator: []
                """);
        Files.writeString(dir.resolve("present.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n");
        Files.writeString(dir.resolve("forgotten.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: y}\n");
        List<String> problems = Kustomization.problems(dir);
        assertEquals(4, problems.size(), problems.toString());
        assertContains(problems, "resource missing.yaml does not exist");
        assertContains(problems, "patch gone.yaml does not exist");
        assertContains(problems, "forgotten.yaml is referenced by no");
        assertContains(problems, "[configMapGenerator]");
    }

    @Test
    void composeFaults() {
        assertComposeFault(c -> Doc.map(c, "services", "complaint-service").put("ports", List.of("8082:8082")),
                ComposeChecks::scaling, "complaint-service publishes [8082:8082]");
        assertComposeFault(c -> Doc.map(c, "services", "customer-service").put("hostname", "customers"),
                ComposeChecks::scaling, "customer-service sets hostname");
        assertComposeFault(c -> Doc.map(c, "services", "analytics-service", "environment")
                .put("CRM_ANALYTICS_RETENTION_WINDOWS", "P30D"), ComposeChecks::environment,
                "CRM_ANALYTICS_RETENTION_WINDOWS is no setting of analytics-service");
        assertComposeFault(c -> Doc.map(c, "services", "gateway", "environment")
                .remove("QUARKUS_VERTX_RESOLVER_ROUND_ROBIN_INET_ADDRESS"), ComposeChecks::gatewayRouting,
                "QUARKUS_VERTX_RESOLVER_ROUND_ROBIN_INET_ADDRESS=null");
        assertComposeFault(c -> Doc.map(c, "services", "gateway", "environment")
                .put("CRM_GATEWAY_BACKENDS_CUSTOMERS_URL", "http://customer-service:8080"),
                ComposeChecks::gatewayRouting, "customer-service listens on 8081");
        assertComposeFault(c -> Doc.map(c, "services", "gateway").put("volumes",
                List.of("./.crm/api-keys:/run/crm/api-keys:ro")), ComposeChecks::apiKeysMount,
                "no long-syntax mount");
        assertComposeFault(c -> Doc.maps(c, "services", "gateway", "volumes").get(0).put("read_only", false),
                ComposeChecks::apiKeysMount, "not mounted read-only");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void assertFault(Consumer<List<Doc>> fault, Function<ManifestChecks, List<String>> check,
            String expected) {
        List<Doc> docs = new java.util.ArrayList<>(Manifests.base().stream().map(Doc::copy).toList());
        assertEquals(List.of(), check.apply(new ManifestChecks(docs, Manifests.SETTINGS)),
                "the unchanged manifests already fail");
        fault.accept(docs);
        assertContains(check.apply(new ManifestChecks(docs, Manifests.SETTINGS)), expected);
    }

    private static void assertComposeFault(Consumer<Map<String, Object>> fault,
            Function<ComposeChecks, List<String>> check, String expected) {
        Doc compose = YamlFiles.loadOne(Repository.COMPOSE_FILE).copy();
        assertEquals(List.of(), check.apply(new ComposeChecks(compose, Manifests.SETTINGS)),
                "the unchanged compose file already fails");
        fault.accept(compose.content());
        assertContains(check.apply(new ComposeChecks(compose, Manifests.SETTINGS)), expected);
    }

    private static void assertContains(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)),
                "expected a problem containing '" + expected + "', got " + problems);
    }

    private static Doc object(List<Doc> docs, String kind, String name) {
        return docs.stream().filter(d -> kind.equals(d.kind()) && name.equals(d.name())).findFirst().orElseThrow();
    }

    private static Map<String, Object> container(List<Doc> docs, String deployment) {
        return ManifestChecks.containers(object(docs, "Deployment", deployment)).get(0);
    }

    private static Map<String, Object> data(List<Doc> docs, String configMap) {
        Map<String, Object> data = new LinkedHashMap<>(Doc.map(object(docs, "ConfigMap", configMap).content(), "data"));
        object(docs, "ConfigMap", configMap).content().put("data", data);
        return data;
    }
}
