package io.kadmesh.config.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.jgit.api.errors.GitAPIException;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A config repository on disk for a node under test, made afresh before the node starts, which
 * polls it twice a second. The test commits to it at {@link #ORIGIN}.
 */
public class ConfigRepoResource implements QuarkusTestResourceLifecycleManager {

    /** The repository, with a work tree. */
    static final Path ORIGIN = Path.of("target", "live-config-test", "origin").toAbsolutePath();
    /** Where the node keeps its copy and the settings it applied. */
    static final Path NODE_DIR = Path.of("target", "live-config-test", "node").toAbsolutePath();
    /** What the first commit's node.properties holds. */
    static final String FIRST = "kadmesh.connections.max=9\nkadmesh.dht.ping-interval=40s\n";

    @Override
    public Map<String, String> start() {
        try {
            deleteTree(ORIGIN.getParent());
            WorkTreeRepo.create(ORIGIN, FIRST).close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("kadmesh.config-repo.uri", ORIGIN.toString(), "kadmesh.config-repo.poll-interval", "500ms",
                "kadmesh.config-repo.clone-dir", NODE_DIR.toString(), "kadmesh.identity.key-file",
                "target/live-config-node.key");
    }

    @Override
    public void stop() {
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
