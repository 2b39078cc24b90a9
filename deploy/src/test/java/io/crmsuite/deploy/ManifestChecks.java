package io.crmsuite.deploy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What can be checked of a set of Kubernetes objects without a cluster. Each check returns the problems it found
 * (empty: none), so that a test can show both that the real manifests pass and that a broken copy fails.
 */
final class ManifestChecks {

    /** The kinds the manifests use, each with the apiVersion a current cluster serves it under. */
    static final Map<String, String> KINDS = Map.of(
            "Namespace", "v1",
            "ConfigMap", "v1",
            "Secret", "v1",
            "Service", "v1",
            "Deployment", "apps/v1",
            "HorizontalPodAutoscaler", "autoscaling/v2",
            "PodDisruptionBudget", "policy/v1");

    /** SmallRye Health's endpoints under Quarkus's default root /q. */
    static final Set<String> HEALTH_PATHS = Set.of("/q/health", "/q/health/live", "/q/health/ready",
            "/q/health/started", "/q/health/group/serving");

    /** The gateway's routes and the service each must reach (the gateway's Backend names them the same way). */
    static final Map<String, String> GATEWAY_ROUTES = Map.of(
            "customers", "customer-service",
            "complaints", "complaint-service",
            "analytics", "analytics-service",
            "webhooks", "webhook-service");

    private static final Pattern URL_PASSWORD = Pattern.compile("://[^:/@]+:([^@]*)@");
    static final String PLACEHOLDER = "REPLACE_ME";

    private final List<Doc> docs;
    private final Map<String, ServiceSettings> settings;

    ManifestChecks(List<Doc> docs, Map<String, ServiceSettings> settings) {
        this.docs = docs;
        this.settings = settings;
    }

    /** Every document is an object Kubernetes can name. */
    List<String> identified() {
        List<String> problems = new ArrayList<>();
        for (Doc doc : docs) {
            for (String field : List.of("apiVersion", "kind")) {
                if (blank(Doc.text(doc.content(), field))) {
                    problems.add(doc.source() + " has no " + field);
                }
            }
            if (blank(doc.name())) {
                problems.add(doc.source() + " has no metadata.name");
            }
        }
        return problems;
    }

    /** Every kind is one of {@link #KINDS}, under its apiVersion; no two objects of a kind share a name. */
    List<String> knownKinds() {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Doc doc : docs) {
            String expected = KINDS.get(doc.kind());
            if (expected == null) {
                problems.add(doc.label() + ": unknown kind (known: " + KINDS.keySet() + ")");
            } else if (!expected.equals(doc.apiVersion())) {
                problems.add(doc.label() + ": apiVersion " + doc.apiVersion() + ", expected " + expected);
            }
            if (!seen.add(doc.kind() + "/" + doc.name())) {
                problems.add(doc.label() + ": a second " + doc.kind() + " of that name");
            }
        }
        return problems;
    }

    /**
     * Each Deployment runs one of the five services: its container is named after the module, listens on the
     * module's quarkus.http.port, and its startup, readiness and liveness probes ask Quarkus's health endpoints
     * (/q/health/ready, /q/health/live) on that port. Two replicas at least, requests and limits for CPU and memory.
     */
    List<String> deployments() {
        List<String> problems = new ArrayList<>();
        List<Doc> deployments = ofKind("Deployment");
        if (deployments.isEmpty()) {
            problems.add("no Deployment at all");
        }
        for (Doc deployment : deployments) {
            List<Map<String, Object>> containers = containers(deployment);
            if (containers.size() != 1) {
                problems.add(deployment.label() + ": " + containers.size() + " containers, expected one");
                continue;
            }
            Map<String, Object> container = containers.get(0);
            String module = Doc.text(container, "name");
            ServiceSettings service = settings.get(module);
            if (service == null) {
                problems.add(deployment.label() + ": container " + module + " is none of " + settings.keySet());
                continue;
            }
            Integer replicas = integer(Doc.at(deployment.content(), "spec", "replicas"));
            if (replicas == null || replicas < 2) {
                problems.add(deployment.label() + ": replicas " + replicas + ", expected 2 or more");
            }
            List<Map<String, Object>> ports = Doc.maps(container, "ports");
            if (ports.size() != 1 || !Objects.equals(integer(ports.get(0).get("containerPort")), service.httpPort())) {
                problems.add(deployment.label() + ": container ports " + ports + ", expected one, "
                        + service.httpPort() + " (quarkus.http.port of " + module + ")");
            }
            String portOverride = env(deployment, container).get("QUARKUS_HTTP_PORT");
            if (portOverride != null && !portOverride.equals(String.valueOf(service.httpPort()))) {
                problems.add(deployment.label() + ": QUARKUS_HTTP_PORT=" + portOverride + " moves the service off "
                        + service.httpPort());
            }
            Map<String, String> expectedPaths = new LinkedHashMap<>();
            expectedPaths.put("startupProbe", null);
            // what this pod needs to serve (platform Serving), not the whole picture of /q/health/ready
            expectedPaths.put("readinessProbe", "/q/health/group/serving");
            expectedPaths.put("livenessProbe", "/q/health/live");
            expectedPaths.forEach((probe, expected) -> {
                Map<String, Object> httpGet = Doc.map(container, probe, "httpGet");
                String path = Doc.text(httpGet, "path");
                if (httpGet.isEmpty()) {
                    problems.add(deployment.label() + ": no " + probe + " with httpGet");
                } else if (!HEALTH_PATHS.contains(path) || (expected != null && !expected.equals(path))) {
                    problems.add(deployment.label() + ": " + probe + " asks " + path + ", expected "
                            + (expected != null ? expected : "one of " + HEALTH_PATHS));
                } else if (!isContainerPort(container, httpGet.get("port"))) {
                    problems.add(deployment.label() + ": " + probe + " asks port " + httpGet.get("port")
                            + ", which the container does not listen on");
                }
            });
            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    if (Doc.text(container, "resources", kind, resource) == null) {
                        problems.add(deployment.label() + ": no resources." + kind + "." + resource);
                    }
                }
            }
            Map<String, Object> selector = Doc.map(deployment.content(), "spec", "selector", "matchLabels");
            if (selector.isEmpty() || !selects(selector, podLabels(deployment))) {
                problems.add(deployment.label() + ": selector " + selector + " does not match its pods' labels "
                        + podLabels(deployment));
            }
        }
        return problems;
    }

    /**
     * Pods run as the image's user (uid of the Dockerfile's USER), not as root, without privilege escalation or
     * capabilities, on a read-only root filesystem with an emptyDir at /tmp (the JVM's and Netty's scratch space).
     */
    List<String> securityContexts(int imageUid) {
        List<String> problems = new ArrayList<>();
        for (Doc deployment : ofKind("Deployment")) {
            Map<String, Object> pod = Doc.map(deployment.content(), "spec", "template", "spec");
            for (Map<String, Object> container : containers(deployment)) {
                String where = deployment.label() + " container " + Doc.text(container, "name");
                Object runAsNonRoot = firstNonNull(Doc.at(container, "securityContext", "runAsNonRoot"),
                        Doc.at(pod, "securityContext", "runAsNonRoot"));
                Object runAsUser = firstNonNull(Doc.at(container, "securityContext", "runAsUser"),
                        Doc.at(pod, "securityContext", "runAsUser"));
                if (!Boolean.TRUE.equals(runAsNonRoot)) {
                    problems.add(where + ": runAsNonRoot is not true");
                }
                if (!Objects.equals(integer(runAsUser), imageUid)) {
                    problems.add(where + ": runAsUser " + runAsUser + ", the image's user is " + imageUid);
                }
                if (!Boolean.FALSE.equals(Doc.at(container, "securityContext", "allowPrivilegeEscalation"))) {
                    problems.add(where + ": allowPrivilegeEscalation is not false");
                }
                if (!Doc.list(container, "securityContext", "capabilities", "drop").contains("ALL")) {
                    problems.add(where + ": capabilities do not drop ALL");
                }
                if (!Boolean.TRUE.equals(Doc.at(container, "securityContext", "readOnlyRootFilesystem"))) {
                    problems.add(where + ": readOnlyRootFilesystem is not true");
                }
                String tmpVolume = Doc.maps(container, "volumeMounts").stream()
                        .filter(m -> "/tmp".equals(Doc.text(m, "mountPath"))).map(m -> Doc.text(m, "name"))
                        .findFirst().orElse(null);
                boolean emptyDir = Doc.maps(pod, "volumes").stream()
                        .anyMatch(v -> Objects.equals(Doc.text(v, "name"), tmpVolume) && v.containsKey("emptyDir"));
                if (!emptyDir) {
                    problems.add(where + ": /tmp is not an emptyDir volume (the root filesystem is read-only)");
                }
            }
        }
        return problems;
    }

    /** Each Service selects the pods of exactly one Deployment and targets a port its container listens on. */
    List<String> services() {
        List<String> problems = new ArrayList<>();
        for (Doc service : ofKind("Service")) {
            Map<String, Object> selector = Doc.map(service.content(), "spec", "selector");
            List<Doc> selected = selected(selector);
            if (selector.isEmpty() || selected.size() != 1) {
                problems.add(service.label() + ": selector " + selector + " selects " + selected.size()
                        + " Deployments' pods, expected one");
                continue;
            }
            Map<String, Object> container = containers(selected.get(0)).get(0);
            List<Map<String, Object>> ports = Doc.maps(service.content(), "spec", "ports");
            if (ports.isEmpty()) {
                problems.add(service.label() + ": no ports");
            }
            for (Map<String, Object> port : ports) {
                Object target = port.containsKey("targetPort") ? port.get("targetPort") : port.get("port");
                if (!isContainerPort(container, target)) {
                    problems.add(service.label() + ": targetPort " + target + " is no port of "
                            + selected.get(0).label());
                }
            }
        }
        for (Doc deployment : ofKind("Deployment")) {
            if (ofKind("Service").stream().noneMatch(s -> selects(Doc.map(s.content(), "spec", "selector"),
                    podLabels(deployment)))) {
                problems.add(deployment.label() + ": no Service selects its pods");
            }
        }
        return problems;
    }

    /**
     * Each Deployment has one HorizontalPodAutoscaler (autoscaling/v2, on CPU, from 2 replicas) and one
     * PodDisruptionBudget (policy/v1) that lets at least one pod go at the autoscaler's minimum; each of them
     * targets a Deployment that exists.
     */
    List<String> autoscalersAndBudgets() {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> autoscalers = new LinkedHashMap<>();
        for (Doc hpa : ofKind("HorizontalPodAutoscaler")) {
            Map<String, Object> target = Doc.map(hpa.content(), "spec", "scaleTargetRef");
            String name = Doc.text(target, "name");
            if (!"Deployment".equals(Doc.text(target, "kind")) || !"apps/v1".equals(Doc.text(target, "apiVersion"))
                    || deployment(name) == null) {
                problems.add(hpa.label() + ": scaleTargetRef " + target + " is no Deployment of these manifests");
                continue;
            }
            Integer min = integer(Doc.at(hpa.content(), "spec", "minReplicas"));
            Integer max = integer(Doc.at(hpa.content(), "spec", "maxReplicas"));
            if (min == null || min < 2 || max == null || max < min) {
                problems.add(hpa.label() + ": minReplicas " + min + " / maxReplicas " + max
                        + ", expected 2 <= min <= max");
            }
            boolean cpu = Doc.maps(hpa.content(), "spec", "metrics").stream()
                    .anyMatch(m -> "Resource".equals(Doc.text(m, "type"))
                            && "cpu".equals(Doc.text(m, "resource", "name"))
                            && "Utilization".equals(Doc.text(m, "resource", "target", "type")));
            if (!cpu) {
                problems.add(hpa.label() + ": no CPU utilization metric");
            }
            autoscalers.merge(name, min == null ? 0 : min, (a, b) -> -1);
        }
        Map<String, Integer> budgets = new LinkedHashMap<>();
        for (Doc pdb : ofKind("PodDisruptionBudget")) {
            Map<String, Object> selector = Doc.map(pdb.content(), "spec", "selector", "matchLabels");
            List<Doc> selected = selected(selector);
            if (selector.isEmpty() || selected.size() != 1) {
                problems.add(pdb.label() + ": selector " + selector + " selects " + selected.size()
                        + " Deployments' pods, expected one");
                continue;
            }
            Doc deployment = selected.get(0);
            int minimum = autoscalers.getOrDefault(deployment.name(), Objects.requireNonNullElse(
                    integer(Doc.at(deployment.content(), "spec", "replicas")), 1));
            Integer maxUnavailable = integer(Doc.at(pdb.content(), "spec", "maxUnavailable"));
            Integer minAvailable = integer(Doc.at(pdb.content(), "spec", "minAvailable"));
            boolean allowsOne = maxUnavailable != null ? maxUnavailable >= 1
                    : minAvailable != null && minAvailable < minimum;
            if (!allowsOne) {
                problems.add(pdb.label() + ": with " + minimum + " replicas no pod may ever be evicted"
                        + " (maxUnavailable " + maxUnavailable + ", minAvailable " + minAvailable + ")");
            }
            budgets.merge(deployment.name(), 1, Integer::sum);
        }
        for (Doc deployment : ofKind("Deployment")) {
            if (autoscalers.getOrDefault(deployment.name(), -1) < 0) {
                problems.add(deployment.label() + ": not exactly one HorizontalPodAutoscaler");
            }
            if (budgets.getOrDefault(deployment.name(), 0) != 1) {
                problems.add(deployment.label() + ": not exactly one PodDisruptionBudget");
            }
        }
        return problems;
    }

    /**
     * Every environment variable a container gets (env, and every key of the ConfigMaps and Secrets of its envFrom)
     * is a setting of the service it runs, by Quarkus's mapping of names; every ConfigMap and Secret referenced
     * exists.
     */
    List<String> environment() {
        List<String> problems = new ArrayList<>();
        for (Doc deployment : ofKind("Deployment")) {
            for (Map<String, Object> container : containers(deployment)) {
                ServiceSettings service = settings.get(Doc.text(container, "name"));
                String where = deployment.label() + " container " + Doc.text(container, "name");
                for (Map<String, Object> from : Doc.maps(container, "envFrom")) {
                    String kind = from.containsKey("configMapRef") ? "ConfigMap" : "Secret";
                    String name = Doc.text(from, kind.equals("ConfigMap") ? "configMapRef" : "secretRef", "name");
                    Doc source = object(kind, name);
                    if (source == null) {
                        problems.add(where + ": envFrom " + kind + "/" + name + ", which does not exist");
                    } else if (Doc.text(from, "prefix") != null) {
                        problems.add(where + ": envFrom with a prefix is not modelled");
                    }
                }
                for (Map<String, Object> variable : Doc.maps(container, "env")) {
                    Map<String, Object> ref = firstNonEmpty(Doc.map(variable, "valueFrom", "configMapKeyRef"),
                            Doc.map(variable, "valueFrom", "secretKeyRef"));
                    if (!ref.isEmpty()) {
                        String kind = Doc.map(variable, "valueFrom").containsKey("configMapKeyRef") ? "ConfigMap"
                                : "Secret";
                        Doc source = object(kind, Doc.text(ref, "name"));
                        if (source == null || !values(source).containsKey(Doc.text(ref, "key"))) {
                            problems.add(where + ": " + Doc.text(variable, "name") + " from " + kind + "/"
                                    + Doc.text(ref, "name") + " key " + Doc.text(ref, "key") + ", which does not exist");
                        }
                    }
                }
                if (service == null) {
                    continue; // reported by deployments()
                }
                for (String variable : env(deployment, container).keySet()) {
                    if (!service.accepts(variable)) {
                        problems.add(where + ": " + variable + " is no setting of " + service.module
                                + " (no property of it maps to that name)");
                    }
                }
            }
        }
        return problems;
    }

    /**
     * The gateway reaches each route's service through that service's Service and port, and reads the API key
     * file from the Secret: the file named by CRM_GATEWAY_API_KEYS_FILE is a key of a Secret volume mounted as a
     * directory (a subPath mount would never see the Secret change), readable by the pod's group, not by others.
     */
    List<String> gateway() {
        List<String> problems = new ArrayList<>();
        Doc deployment = ofKind("Deployment").stream()
                .filter(d -> containers(d).stream().anyMatch(c -> "gateway".equals(Doc.text(c, "name"))))
                .findFirst().orElse(null);
        if (deployment == null) {
            return List.of("no Deployment runs the gateway");
        }
        Map<String, Object> container = containers(deployment).get(0);
        Map<String, String> env = env(deployment, container);
        GATEWAY_ROUTES.forEach((route, module) -> {
            String variable = "CRM_GATEWAY_BACKENDS_" + route.toUpperCase(java.util.Locale.ROOT) + "_URL";
            String url = env.get(variable);
            if (url == null) {
                problems.add(deployment.label() + ": " + variable + " is not set (the default is localhost)");
                return;
            }
            URI uri = URI.create(url);
            Doc service = object("Service", uri.getHost());
            boolean portOk = service != null && Doc.maps(service.content(), "spec", "ports").stream()
                    .anyMatch(p -> Objects.equals(integer(p.get("port")), uri.getPort()));
            List<Doc> selected = service == null ? List.of() : selected(Doc.map(service.content(), "spec", "selector"));
            boolean serviceOk = selected.size() == 1
                    && module.equals(Doc.text(containers(selected.get(0)).get(0), "name"));
            if (!portOk || !serviceOk) {
                problems.add(deployment.label() + ": " + variable + "=" + url + " is not a port of the Service of "
                        + module);
            }
        });
        String keysFile = env.get("CRM_GATEWAY_API_KEYS_FILE");
        if (keysFile == null) {
            problems.add(deployment.label() + ": CRM_GATEWAY_API_KEYS_FILE is not set");
            return problems;
        }
        int slash = keysFile.lastIndexOf('/');
        String directory = keysFile.substring(0, slash);
        String fileName = keysFile.substring(slash + 1);
        Map<String, Object> pod = Doc.map(deployment.content(), "spec", "template", "spec");
        Map<String, Object> mount = Doc.maps(container, "volumeMounts").stream()
                .filter(m -> directory.equals(Doc.text(m, "mountPath"))).findFirst().orElse(Map.of());
        Map<String, Object> volume = Doc.maps(pod, "volumes").stream()
                .filter(v -> Objects.equals(Doc.text(v, "name"), Doc.text(mount, "name"))).findFirst()
                .orElse(Map.of());
        String secretName = Doc.text(volume, "secret", "secretName");
        Doc secret = object("Secret", secretName);
        String key = Doc.maps(volume, "secret", "items").stream().filter(i -> fileName.equals(Doc.text(i, "path")))
                .map(i -> Doc.text(i, "key")).findFirst().orElse(Doc.list(volume, "secret", "items").isEmpty()
                        ? fileName : null);
        if (mount.isEmpty() || secret == null || key == null || !values(secret).containsKey(key)) {
            problems.add(deployment.label() + ": " + keysFile + " is not a key of a Secret mounted at " + directory);
        } else if (mount.containsKey("subPath") || !Boolean.TRUE.equals(mount.get("readOnly"))) {
            problems.add(deployment.label() + ": the key file's mount must be read-only and without subPath");
        }
        Integer mode = integer(Doc.at(volume, "secret", "defaultMode"));
        if (mode == null || (mode & 0007) != 0 || (mode & 0040) == 0
                || Doc.at(pod, "securityContext", "fsGroup") == null) {
            problems.add(deployment.label() + ": the key file must be readable by the pod's group (fsGroup, defaultMode"
                    + " with g+r) and by nobody else; defaultMode is " + (mode == null ? null : Integer.toOctalString(mode)));
        }
        return problems;
    }

    /**
     * No real secret is committed: every password in a Secret (a key naming a password, or the password of a URL
     * with credentials) is the placeholder, and the API key file holds no key line.
     */
    List<String> placeholderSecrets() {
        List<String> problems = new ArrayList<>();
        for (Doc secret : ofKind("Secret")) {
            values(secret).forEach((key, value) -> {
                Matcher urlPassword = URL_PASSWORD.matcher(value);
                if (key.contains("PASSWORD") && !PLACEHOLDER.equals(value)) {
                    problems.add(secret.label() + ": " + key + " is not the placeholder " + PLACEHOLDER);
                } else if (urlPassword.find() && !PLACEHOLDER.equals(urlPassword.group(1))) {
                    problems.add(secret.label() + ": " + key + " carries a password other than " + PLACEHOLDER);
                } else if (key.equals("api-keys") && value.lines().anyMatch(l -> !l.isBlank() && !l.startsWith("#"))) {
                    problems.add(secret.label() + ": api-keys holds key lines, not only the placeholder comment");
                }
            });
        }
        return problems;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    List<Doc> ofKind(String kind) {
        return docs.stream().filter(d -> kind.equals(d.kind())).toList();
    }

    private Doc object(String kind, String name) {
        return docs.stream().filter(d -> kind.equals(d.kind()) && Objects.equals(name, d.name())).findFirst()
                .orElse(null);
    }

    private Doc deployment(String name) {
        return object("Deployment", name);
    }

    static List<Map<String, Object>> containers(Doc deployment) {
        return Doc.maps(deployment.content(), "spec", "template", "spec", "containers");
    }

    private static Map<String, Object> podLabels(Doc deployment) {
        return Doc.map(deployment.content(), "spec", "template", "metadata", "labels");
    }

    /** The Deployments whose pods carry every label of the selector. */
    private List<Doc> selected(Map<String, Object> selector) {
        return ofKind("Deployment").stream().filter(d -> selects(selector, podLabels(d))).toList();
    }

    private static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        return !selector.isEmpty() && selector.entrySet().stream()
                .allMatch(e -> Objects.equals(String.valueOf(e.getValue()), Doc.text(labels, e.getKey())));
    }

    private static boolean isContainerPort(Map<String, Object> container, Object port) {
        return Doc.maps(container, "ports").stream().anyMatch(p -> port != null
                && (port.equals(p.get("name"))
                        || integer(port) != null && integer(port).equals(integer(p.get("containerPort")))));
    }

    /** The container's environment as the kubelet builds it: envFrom in order, then env (values null if computed). */
    Map<String, String> env(Doc deployment, Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> from : Doc.maps(container, "envFrom")) {
            Doc source = from.containsKey("configMapRef") ? object("ConfigMap", Doc.text(from, "configMapRef", "name"))
                    : object("Secret", Doc.text(from, "secretRef", "name"));
            if (source != null) {
                env.putAll(values(source));
            }
        }
        for (Map<String, Object> variable : Doc.maps(container, "env")) {
            env.put(Doc.text(variable, "name"), Doc.text(variable, "value"));
        }
        return env;
    }

    /** A ConfigMap's or Secret's values as text: data (base64 for a Secret) and stringData. */
    static Map<String, String> values(Doc source) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean secret = "Secret".equals(source.kind());
        Doc.map(source.content(), "data").forEach((k, v) -> values.put(k, secret
                ? new String(Base64.getDecoder().decode(String.valueOf(v)), StandardCharsets.UTF_8)
                : String.valueOf(v)));
        Doc.map(source.content(), "stringData").forEach((k, v) -> values.put(k, String.valueOf(v)));
        return values;
    }

    static Integer integer(Object value) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (value instanceof String text && text.matches("\\d+")) {
            return Integer.valueOf(text);
        }
        return null;
    }

    private static Object firstNonNull(Object a, Object b) {
        return a != null ? a : b;
    }

    private static Map<String, Object> firstNonEmpty(Map<String, Object> a, Map<String, Object> b) {
        return a.isEmpty() ? b : a;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
