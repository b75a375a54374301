package io.kadmesh.k8s;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomize directory of {@code k8s/} with {@code kubectl kustomize}, offline: kustomize reads
 * only local files, and no cluster is contacted.
 */
final class Kustomize {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Kustomize() {
    }

    /** The YAML stream {@code kubectl kustomize dir} prints; fails the test, saying why, if it cannot. */
    static String render(Path dir) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kustomize", ".yaml");
        Path err = Files.createTempFile("kustomize", ".err");
        try {
            Process process = start(dir, out, err);
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("kubectl kustomize " + dir + " did not finish within " + TIMEOUT);
            }
            if (process.exitValue() != 0) {
                fail("kubectl kustomize " + dir + " failed (exit " + process.exitValue() + "): "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Process start(Path dir, Path out, Path err) {
        try {
            return new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
        } catch (IOException e) {
            return fail("cannot run kubectl, which renders k8s/ (kubectl kustomize, kustomize v5; no cluster needed):"
                    + " install kubectl on the PATH. " + e.getMessage());
        }
    }
}
