package io.crmsuite.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The part of kustomize the manifests use, enough to check what {@code kubectl apply -k} would send without
 * kubectl: resources (files and directories), strategic-merge patches of ConfigMaps and Secrets (their data is
 * merged key by key, which is what kustomize does to a map), and the namespace. Anything else in a
 * kustomization.yaml is refused by {@link #problems(Path)}, so the rendering cannot silently miss a feature.
 * (KubectlKustomizeTest compares it with kubectl's own rendering where kubectl is installed.)
 */
final class Kustomization {

    static final String FILE = "kustomization.yaml";

    /** Fields a kustomization.yaml here may use; images and labels do not change what the checks look at. */
    static final Set<String> KNOWN_FIELDS = Set.of("apiVersion", "kind", "resources", "patches", "images", "labels",
            "namespace");

    /** Kinds that live in a namespace (the others here: Namespace). */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    private Kustomization() {
    }

    /** The objects the kustomization in {@code dir} produces. */
    static List<Doc> render(Path dir) {
        Doc kustomization = YamlFiles.loadOne(dir.resolve(FILE));
        List<Doc> docs = new ArrayList<>();
        for (Object resource : Doc.list(kustomization.content(), "resources")) {
            Path path = dir.resolve(String.valueOf(resource)).normalize();
            docs.addAll(Files.isDirectory(path) ? render(path) : YamlFiles.load(path));
        }
        for (Map<String, Object> patch : Doc.maps(kustomization.content(), "patches")) {
            if (patch.keySet().size() != 1 || Doc.text(patch, "path") == null) {
                throw new IllegalStateException(dir + ": only patches given by path are modelled here: " + patch);
            }
            for (Doc change : YamlFiles.load(dir.resolve(Doc.text(patch, "path")))) {
                apply(docs, change);
            }
        }
        String namespace = Doc.text(kustomization.content(), "namespace");
        if (namespace != null) {
            for (Doc doc : docs) {
                if (!CLUSTER_SCOPED.contains(doc.kind())) {
                    metadata(doc).put("namespace", namespace);
                }
            }
        }
        return docs;
    }

    private static void apply(List<Doc> docs, Doc patch) {
        if (!Set.of("ConfigMap", "Secret").contains(patch.kind())) {
            throw new IllegalStateException(patch.source() + ": only ConfigMap and Secret patches are modelled here");
        }
        Set<String> fields = new TreeSet<>(patch.content().keySet());
        fields.removeAll(Set.of("apiVersion", "kind", "metadata", "data", "stringData"));
        if (!fields.isEmpty()) {
            throw new IllegalStateException(patch.source() + ": a patch may change data and stringData only, not "
                    + fields);
        }
        Doc target = docs.stream().filter(d -> patch.kind().equals(d.kind()) && patch.name().equals(d.name()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(patch.source() + " patches " + patch.kind() + "/"
                        + patch.name() + ", which the resources do not hold"));
        for (String field : List.of("data", "stringData")) {
            if (patch.content().containsKey(field)) {
                Map<String, Object> merged = new LinkedHashMap<>(Doc.map(target.content(), field));
                merged.putAll(Doc.map(patch.content(), field));
                target.content().put(field, merged);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Doc doc) {
        return (Map<String, Object>) doc.content().computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    }

    /**
     * What is wrong with the kustomization in {@code dir}, for kustomize and for a reader: a reference to a file
     * or directory that does not exist, a YAML file beside it that nothing references (it would never be applied),
     * a field this model does not know.
     */
    static List<String> problems(Path dir) {
        List<String> problems = new ArrayList<>();
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return List.of(dir + " has no " + FILE);
        }
        Doc kustomization = YamlFiles.loadOne(file);
        Set<String> unknown = new TreeSet<>(kustomization.content().keySet());
        unknown.removeAll(KNOWN_FIELDS);
        if (!unknown.isEmpty()) {
            problems.add(file + " uses " + unknown + ", which the tests do not model");
        }
        if (!"kustomize.config.k8s.io/v1beta1".equals(kustomization.apiVersion())
                || !"Kustomization".equals(kustomization.kind())) {
            problems.add(file + " is not a kustomize.config.k8s.io/v1beta1 Kustomization");
        }
        Set<Path> referenced = new TreeSet<>();
        for (Object resource : Doc.list(kustomization.content(), "resources")) {
            Path path = dir.resolve(String.valueOf(resource)).normalize();
            if (Files.isDirectory(path)) {
                if (!Files.isRegularFile(path.resolve(FILE))) {
                    problems.add(file + ": resource " + resource + " is a directory without " + FILE);
                }
            } else if (Files.isRegularFile(path)) {
                referenced.add(path);
            } else {
                problems.add(file + ": resource " + resource + " does not exist");
            }
        }
        for (Map<String, Object> patch : Doc.maps(kustomization.content(), "patches")) {
            String path = Doc.text(patch, "path");
            if (path == null) {
                problems.add(file + ": a patch without a path: " + patch);
            } else if (!Files.isRegularFile(dir.resolve(path))) {
                problems.add(file + ": patch " + path + " does not exist");
            } else {
                referenced.add(dir.resolve(path).normalize());
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> !p.getFileName().toString().equals(FILE))
                    .map(Path::normalize)
                    .filter(p -> !referenced.contains(p))
                    .forEach(p -> problems.add(p + " is referenced by no " + FILE + ": it would never be applied"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems;
    }

    /** Every directory under {@code root} that holds a kustomization.yaml. */
    static List<Path> all(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals(FILE)).map(Path::getParent).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
