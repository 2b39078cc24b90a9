package io.crmsuite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Where kubectl is installed (it needs no cluster for this), kustomize itself renders each kustomization: the
 * objects and the ConfigMaps' and Secrets' values must be those of the tests' own rendering, and every check must
 * pass on kustomize's output too. Skipped without kubectl: the other tests do not depend on it.
 */
class KubectlKustomizeTest {

    @Test
    void kustomizeRendersWhatTheTestsCheck() throws Exception {
        assumeTrue(kubectl("version", "--client") != null, "kubectl is not installed");
        for (Path dir : Kustomization.all(Repository.KUBERNETES)) {
            String rendered = kubectl("kustomize", dir.toString());
            assertEquals(true, rendered != null, "kubectl kustomize " + dir + " failed");
            List<Doc> kustomize = YamlFiles.parse("kubectl kustomize " + dir, rendered);
            assertEquals(summary(Kustomization.render(dir)), summary(kustomize), dir.toString());
            Manifests.allChecks(kustomize).forEach((check, problems) ->
                    assertEquals(List.of(), problems, dir + ", as kubectl renders it: " + check));
        }
    }

    /** Kind/name/namespace of each object, and the values of ConfigMaps and Secrets. */
    private static Map<String, Object> summary(List<Doc> docs) {
        Map<String, Object> summary = new TreeMap<>();
        for (Doc doc : docs) {
            String key = doc.kind() + "/" + doc.name() + "@" + Doc.text(doc.content(), "metadata", "namespace");
            boolean values = List.of("ConfigMap", "Secret").contains(doc.kind());
            summary.put(key, values ? new TreeMap<>(ManifestChecks.values(doc)) : "");
        }
        return summary;
    }

    /** kubectl's standard output, or null when it cannot run or fails. */
    private static String kubectl(String... args) throws InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("kubectl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
