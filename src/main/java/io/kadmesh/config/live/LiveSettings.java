package io.kadmesh.config.live;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.kadmesh.config.NodeConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * One complete set of live settings: what a node runs with until the next valid commit of the config
 * repository. The keys (under {@code kadmesh.}) are documented for operators in
 * {@code config-repo/README.md}.
 *
 * @param profile {@code kadmesh.profile}: the profile layered over {@code node.properties}, the file
 *        {@code profiles/<name>.properties}; {@code default} needs no file
 * @param pingInterval {@code kadmesh.dht.ping-interval}: every half of it, contacts silent for half of
 *        it are pinged, and one that cannot be reached leaves the routing table; 1 s to 7 days
 * @param refreshInterval {@code kadmesh.dht.refresh-interval}: a bucket not looked up for this long is
 *        refreshed; 1 s to 7 days
 * @param staleCleanupInterval {@code kadmesh.dht.stale-cleanup-interval}: how often expired records are
 *        dropped; 1 s to 7 days
 * @param findNodeRateLimit {@code kadmesh.dht.find-node-rate-limit}: find_node and find_value requests
 *        one link may send per second, with a burst of one second's worth; at least 1
 * @param connectionsMin {@code kadmesh.connections.min}: fewest open links of a ready node; below it, it
 *        dials; at least 1, at most the maximum
 * @param connectionsMax {@code kadmesh.connections.max}: most open links a node keeps; beyond it, it
 *        closes the least useful
 * @param metricsEnabled {@code kadmesh.metrics.enabled}: whether the node records data-transfer metrics
 */
public record LiveSettings(String profile, Duration pingInterval, Duration refreshInterval,
        Duration staleCleanupInterval, int findNodeRateLimit, int connectionsMin, int connectionsMax,
        boolean metricsEnabled) {

    /** The name of the profile that needs no file. */
    public static final String DEFAULT_PROFILE = "default";

    /** The key that chooses the profile. */
    public static final String PROFILE = "kadmesh.profile";

    /** The live keys, as the config files write them, in the order {@link #asProperties} lists them. */
    public static final List<String> KEYS = List.of(PROFILE, "kadmesh.dht.ping-interval",
            "kadmesh.dht.refresh-interval", "kadmesh.dht.stale-cleanup-interval", "kadmesh.dht.find-node-rate-limit",
            "kadmesh.connections.min", "kadmesh.connections.max", "kadmesh.metrics.enabled");

    public LiveSettings {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(staleCleanupInterval, "staleCleanupInterval");
    }

    /** The settings the node's startup configuration gives: the defaults built into the jar. */
    public static LiveSettings of(NodeConfig config) {
        return new LiveSettings(config.profile(), config.dht().pingInterval(), config.dht().refreshInterval(),
                config.dht().staleCleanupInterval(), config.dht().findNodeRateLimit(), config.connections().min(),
                config.connections().max(), config.metrics().enabled());
    }

    /**
     * The settings a node starts with when nothing sets them: the defaults of {@link NodeConfig}, read
     * by a SmallRye config build of their own, for tools that run without the node's configuration.
     */
    public static LiveSettings builtIn() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter()).withMapping(NodeConfig.class)
                .withValidateUnknown(false).build();
        return of(config.getConfigMapping(NodeConfig.class));
    }

    /** These settings as properties, keyed as in the config repository, in a stable order. */
    public Map<String, String> asProperties() {
        List<String> values = List.of(profile, text(pingInterval), text(refreshInterval), text(staleCleanupInterval),
                Integer.toString(findNodeRateLimit), Integer.toString(connectionsMin), Integer.toString(connectionsMax),
                Boolean.toString(metricsEnabled));
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < KEYS.size(); i++) {
            properties.put(KEYS.get(i), values.get(i));
        }
        return properties;
    }

    /** A duration as the config files write it: {@code 30s}, {@code 15m}, {@code 500ms}. */
    static String text(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
