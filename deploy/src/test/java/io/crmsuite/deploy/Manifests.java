package io.crmsuite.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shared by the tests: the rendered kustomizations, the services' settings, the image's user. */
final class Manifests {

    static final Map<String, ServiceSettings> SETTINGS = ServiceSettings.all();

    private Manifests() {
    }

    static List<Doc> base() {
        return Kustomization.render(Repository.BASE);
    }

    static List<Doc> existingInfrastructure() {
        return Kustomization.render(Repository.EXISTING_INFRASTRUCTURE);
    }

    /** The numeric USER of the Dockerfile every service image is built from. */
    static int imageUid() {
        try {
            Matcher user = Pattern.compile("(?m)^USER\\s+(\\d+)").matcher(Files.readString(Repository.DOCKERFILE));
            if (!user.find()) {
                throw new IllegalStateException("the Dockerfile has no numeric USER");
            }
            return Integer.parseInt(user.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every check of {@link ManifestChecks}, by name, with its problems. */
    static Map<String, List<String>> allChecks(List<Doc> docs) {
        ManifestChecks checks = new ManifestChecks(docs, SETTINGS);
        return new java.util.LinkedHashMap<>(Map.of(
                "identified", checks.identified(),
                "knownKinds", checks.knownKinds(),
                "deployments", checks.deployments(),
                "securityContexts", checks.securityContexts(imageUid()),
                "services", checks.services(),
                "autoscalersAndBudgets", checks.autoscalersAndBudgets(),
                "environment", checks.environment(),
                "gateway", checks.gateway(),
                "placeholderSecrets", checks.placeholderSecrets()));
    }
}
