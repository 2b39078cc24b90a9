package io.crmsuite.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository, found from the directory the tests run in (the module's, under Maven). */
final class Repository {

    static final Path ROOT = findRoot();
    static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
    static final Path BASE = KUBERNETES.resolve("base");
    static final Path EXISTING_INFRASTRUCTURE = KUBERNETES.resolve("overlays/existing-infrastructure");
    static final Path COMPOSE_FILE = ROOT.resolve("docker-compose.yml");
    static final Path DOCKERFILE = ROOT.resolve("Dockerfile");

    private Repository() {
    }

    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("deploy/kubernetes"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (pom.xml beside deploy/kubernetes) above "
                + Path.of("").toAbsolutePath());
    }
}
