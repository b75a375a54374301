package io.kadmesh.config.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class SettingsCheckTest {

    private static final LiveSettings BASE = LiveSettings.builtIn();

    @Test
    void builtInSettingsAreTheStartupDefaults() {
        assertEquals("30s", BASE.asProperties().get("kadmesh.dht.ping-interval"));
        assertEquals("8", BASE.asProperties().get("kadmesh.connections.max"));
        assertEquals("default", BASE.profile());
    }

    @Test
    void laterLayersOverrideEarlierOnes() throws Exception {
        LiveSettings settings = SettingsCheck.settings(BASE,
                List.of(layer("node.properties", "kadmesh.dht.ping-interval=20s\nkadmesh.connections.max=10"),
                        layer("nodes/a.properties", "kadmesh.dht.ping-interval=500s")));
        assertEquals(Duration.ofSeconds(500), settings.pingInterval());
        assertEquals(10, settings.connectionsMax());
        assertEquals(BASE.refreshInterval(), settings.refreshInterval());
    }

    @Test
    void mustNameTheFileAndKeyOfAnUnknownKey() {
        String message = refusal("profiles/x.properties", "kadmesh.dht.alpha=3");
        assertTrue(message.startsWith("profiles/x.properties: unknown key 'kadmesh.dht.alpha'"), message);
    }

    @Test
    void mustRefuseValuesThatDoNotConvertNamingTheKey() {
        assertContains(refusal("node.properties", "kadmesh.dht.ping-interval=soon"), "kadmesh.dht.ping-interval");
        assertContains(refusal("node.properties", "kadmesh.connections.max=many"), "kadmesh.connections.max");
        assertContains(refusal("node.properties", "kadmesh.metrics.enabled=perhaps"), "kadmesh.metrics.enabled");
    }

    @Test
    void mustRefuseOutOfRangeValuesAndImpossibleCombinations() {
        assertContains(refusal("node.properties", "kadmesh.dht.ping-interval=10ms"),
                "kadmesh.dht.ping-interval: 10ms is outside 1s to 168h");
        assertContains(refusal("node.properties", "kadmesh.dht.find-node-rate-limit=0"),
                "kadmesh.dht.find-node-rate-limit: 0 is outside");
        assertContains(refusal("node.properties", "kadmesh.connections.min=9\nkadmesh.connections.max=4"),
                "kadmesh.connections.min (9) is above kadmesh.connections.max (4)");
        assertContains(refusal("node.properties", "kadmesh.profile=../nodes/a"), "not a profile name");
    }

    @Test
    void mustRefuseAnEmptyValueAndMalformedOrOversizedFiles() {
        assertContains(refusal("node.properties", "kadmesh.connections.min="), "'kadmesh.connections.min' has no value");
        assertContains(refusal("node.properties", "kadmesh.profile=\\u12"), "node.properties: malformed");
        assertContains(refusal("node.properties", "#" + "x".repeat(ConfigLayer.MAX_CHARS)),
                "more than a config file may hold");
    }

    private static String refusal(String path, String text) {
        return assertThrows(InvalidConfigException.class,
                () -> SettingsCheck.settings(BASE, List.of(layer(path, text)))).getMessage();
    }

    private static void assertContains(String message, String part) {
        assertTrue(message.contains(part), () -> "'" + message + "' does not contain '" + part + "'");
    }

    private static ConfigLayer layer(String path, String text) throws InvalidConfigException {
        return ConfigLayer.parse(path, text);
    }
}
