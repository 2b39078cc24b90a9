package io.crmsuite.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The settings one service reads, from its sources: its application.properties, the platform's defaults (for the
 * services built on platform), the names its {@code @ConfigMapping} interfaces declare, the names read with
 * {@code @ConfigProperty(name = ...)} and {@code ${name:default}} expressions in its code, plus the few Quarkus
 * settings of {@link #QUARKUS_SETTINGS}. An environment variable is a setting of the service when Quarkus maps it to
 * one of these names: upper case, every character other than a letter, a digit or {@code _} turned into {@code _}.
 */
final class ServiceSettings {

    static final List<String> MODULES = List.of("customer-service", "complaint-service", "analytics-service",
            "webhook-service", "gateway");

    /**
     * Quarkus settings the deployment files set that no properties file of the suite mentions. The list is explicit
     * on purpose: accepting any quarkus.* name would let a misspelt one through, which Quarkus ignores silently.
     * Each is a runtime setting of an extension every service has (quarkus-core, quarkus-vertx), named as in
     * Quarkus 3.34's configuration reference.
     */
    static final Map<String, String> QUARKUS_SETTINGS = Map.of(
            "quarkus.shutdown.timeout",
            "quarkus-core: after SIGTERM, how long requests in flight may finish (Kubernetes ConfigMaps)",
            "quarkus.vertx.use-async-dns",
            "quarkus-vertx: Vert.x's own DNS resolver instead of the JVM's (gateway in docker-compose.yml)",
            "quarkus.vertx.resolver.cache-max-time-to-live",
            "quarkus-vertx: seconds a DNS answer is kept; 0 resolves for every new connection (gateway, compose)",
            "quarkus.vertx.resolver.round-robin-inet-address",
            "quarkus-vertx: one of a name's addresses at random per connection (gateway in docker-compose.yml)");

    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\s*\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern EXPRESSION = Pattern.compile("\"\\$\\{([^:}\"]+)(?::[^}\"]*)?}\"");

    final String module;
    /** Concrete names, e.g. quarkus.http.port. */
    final Set<String> names;
    /** Names with a map key, the key written *, e.g. crm.sla.policies.*.target. */
    final Set<String> keyedNames;
    /** The service's own properties (platform defaults overridden by application.properties), without profiles. */
    final Map<String, String> properties;

    private ServiceSettings(String module, Set<String> names, Set<String> keyedNames, Map<String, String> properties) {
        this.module = module;
        this.names = Collections.unmodifiableSet(names);
        this.keyedNames = Collections.unmodifiableSet(keyedNames);
        this.properties = Collections.unmodifiableMap(properties);
    }

    static Map<String, ServiceSettings> all() {
        Map<String, ServiceSettings> all = new TreeMap<>();
        MODULES.forEach(module -> all.put(module, of(Repository.ROOT, module)));
        return all;
    }

    static ServiceSettings of(Path root, String module) {
        Path moduleDir = root.resolve(module);
        List<Path> sourceRoots = new ArrayList<>(List.of(moduleDir.resolve("src/main/java")));
        Map<String, String> properties = new TreeMap<>();
        if (read(moduleDir.resolve("pom.xml")).contains("<artifactId>platform</artifactId>")) {
            sourceRoots.add(root.resolve("platform/src/main/java"));
            properties.putAll(properties(root.resolve("platform/src/main/resources/META-INF/microprofile-config.properties")));
        }
        properties.putAll(properties(moduleDir.resolve("src/main/resources/application.properties")));

        Set<String> names = new TreeSet<>(properties.keySet());
        names.addAll(QUARKUS_SETTINGS.keySet());
        Set<String> keyedNames = new TreeSet<>();
        for (Path source : javaFiles(sourceRoots)) {
            String code = read(source);
            for (String name : ConfigMappings.names(code)) {
                (name.contains("*") ? keyedNames : names).add(name);
            }
            String withoutComments = ConfigMappings.withoutComments(code);
            for (Pattern pattern : List.of(CONFIG_PROPERTY, EXPRESSION)) {
                Matcher m = pattern.matcher(withoutComments);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return new ServiceSettings(module, names, keyedNames, properties);
    }

    /** Quarkus's environment variable for a property name: crm.sla.default-target -> CRM_SLA_DEFAULT_TARGET. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9_]", "_").toUpperCase(Locale.ROOT);
    }

    /** The setting (or pattern of settings) an environment variable sets on this service, if any. */
    String settingOf(String envVar) {
        for (String name : names) {
            if (envName(name).equals(envVar)) {
                return name;
            }
        }
        for (String name : keyedNames) {
            String regex = Stream.of(name.split("\\*", -1)).map(part -> Pattern.quote(envName(part)))
                    .collect(Collectors.joining("[A-Z0-9_]+"));
            if (envVar.matches(regex)) {
                return name;
            }
        }
        return null;
    }

    boolean accepts(String envVar) {
        return settingOf(envVar) != null;
    }

    /** The HTTP port the service listens on unless told otherwise: quarkus.http.port of its properties. */
    int httpPort() {
        return Integer.parseInt(properties.get("quarkus.http.port"));
    }

    private static Map<String, String> properties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().stream().filter(name -> !name.startsWith("%"))
                .forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }

    private static List<Path> javaFiles(List<Path> roots) {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
