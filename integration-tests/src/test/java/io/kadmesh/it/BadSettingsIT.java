package io.kadmesh.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.kadmesh.it.harness.JarProcess;
import io.kadmesh.it.harness.PackagedApp;

/** {@code serve}, started by the launcher, refuses settings it cannot run with and says which and why. */
class BadSettingsIT {

    @ParameterizedTest
    @ValueSource(ints = { 0, 21 })
    @Timeout(value = 70, unit = TimeUnit.SECONDS)
    void serveRefusesAnAlphaOutsideOneToK(int alpha) {
        assertRefused("alpha-" + alpha, "-Dkadmesh.dht.alpha=" + alpha,
                "kadmesh.dht.alpha must be between 1 and k (20), got " + alpha);
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 17 })
    @Timeout(value = 70, unit = TimeUnit.SECONDS)
    void serveRefusesAPubsubFanOutOutsideTwoToSixteen(int fanOut) {
        assertRefused("fan-out-" + fanOut, "-Dkadmesh.pubsub.fan-out=" + fanOut,
                "kadmesh.pubsub.fan-out must be between 2 and 16, got " + fanOut);
    }

    private static void assertRefused(String name, String setting, String expected) {
        Path dir = PackagedApp.runDir("it-bad-" + name);

        JarProcess.Result serve = JarProcess.run(PackagedApp.dir(), dir, Duration.ofSeconds(60),
                List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=0", setting,
                        "-Dkadmesh.identity.key-file=" + dir.resolve("node.key")),
                List.of("serve"));

        assertNotEquals(0, serve.exitCode(), serve.output());
        assertTrue(serve.output().contains(expected), "should say: " + expected + "\n" + serve.output());
    }
}
