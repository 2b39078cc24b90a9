package io.crmsuite.deploy;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What can be checked of docker-compose.yml without a Docker engine: the suite's services get only settings they
 * have, only the gateway publishes a port, every domain service can be scaled (no fixed name, host port or
 * hostname), the gateway spreads its connections over a scaled service's replicas, reaches each service on its
 * port, and reads the API key file that ./crm keys writes through a read-only mount that never turns into a
 * directory.
 */
final class ComposeChecks {

    /** Where ./crm keys writes the key file, relative to the repository (the crm script's default). */
    static final String KEYS_FILE = "./.crm/api-keys";

    /** The gateway's Vert.x DNS settings that make it resolve a service's name for each connection. */
    static final Map<String, String> GATEWAY_RESOLVER = Map.of(
            "QUARKUS_VERTX_USE_ASYNC_DNS", "true",
            "QUARKUS_VERTX_RESOLVER_CACHE_MAX_TIME_TO_LIVE", "0",
            "QUARKUS_VERTX_RESOLVER_ROUND_ROBIN_INET_ADDRESS", "true");

    private final Map<String, Object> compose;
    private final Map<String, ServiceSettings> settings;

    ComposeChecks(Doc compose, Map<String, ServiceSettings> settings) {
        this.compose = compose.content();
        this.settings = settings;
    }

    /** Each of the five services is in the file, with a health check, and gets only its own settings. */
    List<String> environment() {
        List<String> problems = new ArrayList<>();
        for (ServiceSettings service : settings.values()) {
            Map<String, Object> definition = Doc.map(compose, "services", service.module);
            if (definition.isEmpty()) {
                problems.add("service " + service.module + " is missing");
                continue;
            }
            if (Doc.map(definition, "healthcheck").isEmpty()) {
                problems.add(service.module + " has no healthcheck");
            }
            for (String variable : env(definition).keySet()) {
                if (!service.accepts(variable)) {
                    problems.add(service.module + ": " + variable + " is no setting of " + service.module);
                }
            }
        }
        return problems;
    }

    /**
     * docker compose up --scale NAME=N works for every service but the gateway: no host port (N containers cannot
     * all bind it), no container_name (unique per container), no hostname (the replicas would share HOSTNAME, and
     * with it the outbox relay's Kafka transactional id, and fence each other). Only the gateway publishes 8080.
     */
    List<String> scaling() {
        List<String> problems = new ArrayList<>();
        for (ServiceSettings service : settings.values()) {
            Map<String, Object> definition = Doc.map(compose, "services", service.module);
            for (String field : List.of("container_name", "hostname")) {
                if (definition.containsKey(field)) {
                    problems.add(service.module + " sets " + field + ": its replicas would share it");
                }
            }
            List<Object> ports = Doc.list(definition, "ports");
            boolean gateway = service.module.equals("gateway");
            if (!gateway && !ports.isEmpty()) {
                problems.add(service.module + " publishes " + ports + ": a second replica could not start");
            }
            if (gateway && !ports.equals(List.of("8080:8080"))) {
                problems.add("the gateway publishes " + ports + ", expected [8080:8080]");
            }
        }
        return problems;
    }

    /**
     * The gateway resolves each service's name for every new connection and picks one of its addresses at random,
     * so connections spread over a scaled service's replicas; its routes name the compose services and the ports
     * they listen on.
     */
    List<String> gatewayRouting() {
        List<String> problems = new ArrayList<>();
        Map<String, String> env = env(Doc.map(compose, "services", "gateway"));
        GATEWAY_RESOLVER.forEach((variable, value) -> {
            if (!value.equals(env.get(variable))) {
                problems.add("gateway: " + variable + "=" + env.get(variable) + ", expected " + value
                        + " (connections to a scaled service would all go to one replica)");
            }
        });
        ManifestChecks.GATEWAY_ROUTES.forEach((route, module) -> {
            String variable = "CRM_GATEWAY_BACKENDS_" + route.toUpperCase(java.util.Locale.ROOT) + "_URL";
            String url = env.get(variable);
            if (url == null) {
                problems.add("gateway: " + variable + " is not set");
                return;
            }
            URI uri = URI.create(url);
            Map<String, Object> target = Doc.map(compose, "services", uri.getHost());
            String port = env(target).getOrDefault("QUARKUS_HTTP_PORT",
                    settings.containsKey(module) ? String.valueOf(settings.get(module).httpPort()) : null);
            if (!module.equals(uri.getHost()) || !String.valueOf(uri.getPort()).equals(port)) {
                problems.add("gateway: " + variable + "=" + url + ", but " + module + " listens on " + port);
            }
        });
        return problems;
    }

    /**
     * The key file is bind-mounted read-only at the path the gateway reads, in the long syntax without
     * create_host_path: a missing file stops compose instead of becoming a root-owned directory.
     */
    List<String> apiKeysMount() {
        Map<String, Object> gateway = Doc.map(compose, "services", "gateway");
        String keysFile = env(gateway).get("CRM_GATEWAY_API_KEYS_FILE");
        List<Object> volumes = Doc.list(gateway, "volumes");
        for (Object volume : volumes) {
            if (volume instanceof Map<?, ?> mount && KEYS_FILE.equals(Doc.text(mount, "source"))) {
                List<String> problems = new ArrayList<>();
                if (!"bind".equals(Doc.text(mount, "type")) || !Objects.equals(keysFile, Doc.text(mount, "target"))) {
                    problems.add("gateway: the key file is not bind-mounted at CRM_GATEWAY_API_KEYS_FILE=" + keysFile);
                }
                if (!Boolean.TRUE.equals(mount.get("read_only"))) {
                    problems.add("gateway: the key file is not mounted read-only");
                }
                if (Boolean.TRUE.equals(Doc.at(mount, "bind", "create_host_path"))) {
                    problems.add("gateway: create_host_path turns a missing key file into a directory");
                }
                return problems;
            }
        }
        return List.of("gateway: no long-syntax mount of " + KEYS_FILE + " among " + volumes
                + " (the short syntax creates a directory where the file is missing)");
    }

    /** A service's environment, from either of compose's forms (a map, or a list of NAME=value). */
    static Map<String, String> env(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object environment = service.get("environment");
        if (environment instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (environment instanceof List<?> list) {
            for (Object item : list) {
                String text = String.valueOf(item);
                int equals = text.indexOf('=');
                env.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? null : text.substring(equals + 1));
            }
        }
        return env;
    }
}
