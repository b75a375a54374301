package io.kadmesh.it.harness;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;

/**
 * The packaged application the integration tests run ({@code target/quarkus-app}), named by system
 * property {@code kadmesh.app.dir}, which failsafe sets.
 */
public final class PackagedApp {

    private PackagedApp() {
    }

    /** The application directory, holding {@code quarkus-run.jar}. */
    public static Path dir() {
        String appDir = System.getProperty("kadmesh.app.dir");
        assertNotNull(appDir, "system property kadmesh.app.dir must name target/quarkus-app (failsafe sets it)");
        return Path.of(appDir);
    }

    /**
     * A new directory for the files of one run, kept after it for a look at what happened:
     * {@code target/<kind>/run-<millis>}.
     */
    public static Path runDir(String kind) {
        return dir().getParent().resolve(kind).resolve("run-" + System.currentTimeMillis());
    }
}
