package io.kadmesh.localnet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link NetworkGuide}: what {@code local-network} prints. */
class NetworkGuideTest {

    private final NodeSpec bootstrap = new NodeSpec("bootstrap", NodeRole.BOOTSTRAP, 9000, Path.of("/w/bootstrap"),
            List.of());
    private final NodeSpec node = new NodeSpec("node-01", NodeRole.NODE, 9001, Path.of("/w/node-01"),
            List.of(bootstrap.onboardingUrl()));

    @Test
    void shouldNameTheUrlsAndTheLogOfANode() {
        String line = NetworkGuide.describe(node, 4242);

        assertTrue(line.contains("node-01") && line.contains("4242") && line.contains("http://127.0.0.1:9001")
                && line.contains("ws://127.0.0.1:9001/dht") && line.contains("/w/node-01/node.log"), line);
    }

    @Test
    void shouldSuggestEveryEndpoint() {
        String all = String.join("\n", NetworkGuide.tryThis(bootstrap, node));

        for (String expected : List.of("http://127.0.0.1:9001/api/node", "http://127.0.0.1:9001/api/dht/find-node",
                "-X PUT", "http://127.0.0.1:9001/api/dht/values/", "http://127.0.0.1:9000/api/dht/values/",
                "http://127.0.0.1:9001/q/health/ready", "http://127.0.0.1:9000/api/network/health")) {
            assertTrue(all.contains(expected), expected + " missing from:\n" + all);
        }
    }
}
