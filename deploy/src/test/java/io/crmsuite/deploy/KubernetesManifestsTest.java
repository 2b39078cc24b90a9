package io.crmsuite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The manifests under deploy/kubernetes, as the base and the overlay render them, pass every check. */
class KubernetesManifestsTest {

    @TestFactory
    Stream<DynamicTest> baseAndOverlayPassEveryCheck() {
        Map<String, Supplier<List<Doc>>> renderings = Map.of(
                "base", Manifests::base,
                "overlays/existing-infrastructure", Manifests::existingInfrastructure);
        return renderings.entrySet().stream().flatMap(rendering -> {
            Map<String, List<String>> results = Manifests.allChecks(rendering.getValue().get());
            return results.entrySet().stream().map(check -> DynamicTest.dynamicTest(
                    rendering.getKey() + ": " + check.getKey(),
                    () -> assertEquals(List.of(), check.getValue())));
        });
    }

    @Test
    void kustomizationsReferenceExistingFilesAndEveryFile() {
        List<Path> kustomizations = Kustomization.all(Repository.KUBERNETES);
        assertEquals(Set.of(Repository.BASE, Repository.EXISTING_INFRASTRUCTURE), Set.copyOf(kustomizations));
        for (Path dir : kustomizations) {
            assertEquals(List.of(), Kustomization.problems(dir), dir.toString());
        }
    }

    @Test
    void baseHoldsEachServiceWithItsObjects() {
        List<Doc> docs = Manifests.base();
        for (String kind : List.of("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget",
                "ConfigMap")) {
            Set<String> names = docs.stream().filter(d -> kind.equals(d.kind())).map(Doc::name)
                    .collect(Collectors.toSet());
            assertTrue(names.containsAll(ServiceSettings.MODULES), kind + ": " + names);
        }
        Map<String, Integer> replicas = docs.stream().filter(d -> "Deployment".equals(d.kind())).collect(
                Collectors.toMap(Doc::name, d -> ManifestChecks.integer(Doc.at(d.content(), "spec", "replicas"))));
        assertEquals(2, replicas.get("gateway"));
    }

    @Test
    void overlayPointsTheServicesAtTheOperatorsServices() {
        List<Doc> docs = Manifests.existingInfrastructure();
        ManifestChecks checks = new ManifestChecks(docs, Manifests.SETTINGS);
        Map<String, Map<String, String>> env = checks.ofKind("Deployment").stream().collect(Collectors.toMap(
                Doc::name, d -> checks.env(d, ManifestChecks.containers(d).get(0))));
        for (String service : List.of("customer-service", "complaint-service", "analytics-service", "webhook-service")) {
            // Strimzi: <cluster>-kafka-bootstrap.<namespace>.svc:<listener port>
            assertTrue(env.get(service).get("KAFKA_BOOTSTRAP_SERVERS").matches("[a-z0-9-]+-kafka-bootstrap\\.[a-z0-9-]+\\.svc:\\d+"),
                    service + ": " + env.get(service).get("KAFKA_BOOTSTRAP_SERVERS"));
        }
        // CloudNativePG: <cluster>-rw, the primary
        assertTrue(env.get("customer-service").get("QUARKUS_DATASOURCE_JDBC_URL")
                .matches("jdbc:postgresql://[a-z0-9-]+-rw\\.[a-z0-9-]+\\.svc:5432/customers"),
                env.get("customer-service").get("QUARKUS_DATASOURCE_JDBC_URL"));
        // webhook-service: its own database on the same server (made by the Cluster's bootstrap, see postgresql.yaml)
        assertTrue(env.get("webhook-service").get("QUARKUS_DATASOURCE_JDBC_URL")
                .matches("jdbc:postgresql://[a-z0-9-]+-rw\\.[a-z0-9-]+\\.svc:5432/webhooks"),
                env.get("webhook-service").get("QUARKUS_DATASOURCE_JDBC_URL"));
        // MongoDB Community Operator: every member of the replica set and its name
        for (String service : List.of("complaint-service", "analytics-service")) {
            String connection = env.get(service).get("QUARKUS_MONGODB_CONNECTION_STRING");
            assertTrue(connection.matches("mongodb://[^@]+@([a-z0-9-]+-\\d\\.[a-z0-9-]+-svc\\.[a-z0-9.-]+:27017,?){3}"
                    + "/admin\\?replicaSet=[a-z0-9-]+.*"), service + ": " + connection);
        }
        Set<String> namespaces = docs.stream().filter(d -> !"Namespace".equals(d.kind()))
                .map(d -> Doc.text(d.content(), "metadata", "namespace")).collect(Collectors.toSet());
        assertEquals(Set.of("crm"), namespaces);
        assertTrue(docs.stream().anyMatch(d -> "Namespace".equals(d.kind()) && "crm".equals(d.name())));
    }
}
