package io.kadmesh.config.live;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Turns the layers of one commit into {@link LiveSettings}, or says why it cannot: every key must be
 * a live key ({@link LiveSettings#KEYS}), every value must convert (a fresh SmallRye config build over
 * the layers, with the application's duration syntax and strict booleans), and the values together
 * must make sense.
 * <p>
 * The build reads each key with its converter rather than through a {@code @ConfigMapping}: a mapping
 * not known when the application is built cannot be generated in the packaged application, whose
 * class loader does not serve class files as resources.
 */
public final class SettingsCheck {

    /** Shortest interval a commit may set: below it, maintenance would flood the network. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    /** Longest interval a commit may set. */
    public static final Duration MAX_INTERVAL = Duration.ofDays(7);
    /** Most links a commit may ask a node to keep. */
    public static final int MAX_CONNECTIONS = 256;
    /** Highest find_node rate a commit may set, per link and second. */
    public static final int MAX_RATE = 100_000;

    private static final Pattern PROFILE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private SettingsCheck() {
    }

    /**
     * The settings {@code layers} give over {@code base}, each layer overriding those before it.
     *
     * @throws InvalidConfigException naming the file and key of the first problem
     */
    public static LiveSettings settings(LiveSettings base, List<ConfigLayer> layers) throws InvalidConfigException {
        for (ConfigLayer layer : layers) {
            checkKeys(layer);
        }
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withConverter(Duration.class, 100,
                new DurationConverter()).withConverter(Boolean.class, 100, SettingsCheck::strictBoolean);
        builder.withSources(new PropertiesConfigSource(base.asProperties(), "the node's startup settings", 100));
        int ordinal = 200;
        for (ConfigLayer layer : layers) {
            builder.withSources(new PropertiesConfigSource(layer.properties(), layer.path(), ordinal++));
        }
        LiveSettings settings;
        try {
            SmallRyeConfig config = builder.build();
            List<String> keys = LiveSettings.KEYS;
            settings = new LiveSettings(config.getValue(keys.get(0), String.class),
                    config.getValue(keys.get(1), Duration.class), config.getValue(keys.get(2), Duration.class),
                    config.getValue(keys.get(3), Duration.class), config.getValue(keys.get(4), Integer.class),
                    config.getValue(keys.get(5), Integer.class), config.getValue(keys.get(6), Integer.class),
                    config.getValue(keys.get(7), Boolean.class));
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            throw new InvalidConfigException(e.getMessage(), e);
        }
        checkRanges(settings);
        return settings;
    }

    private static void checkKeys(ConfigLayer layer) throws InvalidConfigException {
        for (String key : layer.properties().keySet()) {
            if (!LiveSettings.KEYS.contains(key)) {
                throw new InvalidConfigException(layer.path() + ": unknown key '" + key + "'; the live keys are "
                        + String.join(", ", LiveSettings.KEYS));
            }
            if (layer.properties().get(key).isEmpty()) {
                throw new InvalidConfigException(layer.path() + ": '" + key + "' has no value");
            }
        }
    }

    private static void checkRanges(LiveSettings settings) throws InvalidConfigException {
        checkProfileName(settings.profile());
        interval("kadmesh.dht.ping-interval", settings.pingInterval());
        interval("kadmesh.dht.refresh-interval", settings.refreshInterval());
        interval("kadmesh.dht.stale-cleanup-interval", settings.staleCleanupInterval());
        range("kadmesh.dht.find-node-rate-limit", settings.findNodeRateLimit(), 1, MAX_RATE);
        range("kadmesh.connections.min", settings.connectionsMin(), 1, MAX_CONNECTIONS);
        range("kadmesh.connections.max", settings.connectionsMax(), 1, MAX_CONNECTIONS);
        if (settings.connectionsMin() > settings.connectionsMax()) {
            throw new InvalidConfigException("kadmesh.connections.min (" + settings.connectionsMin()
                    + ") is above kadmesh.connections.max (" + settings.connectionsMax() + ")");
        }
    }

    /** Refuses a profile name that is not lower-case letters, digits and '-' (so never a path). */
    static void checkProfileName(String profile) throws InvalidConfigException {
        if (!PROFILE_NAME.matcher(profile).matches()) {
            throw new InvalidConfigException("kadmesh.profile: '" + profile
                    + "' is not a profile name (lower-case letters, digits and '-', at most 63)");
        }
    }

    /** {@code true} or {@code false}, nothing else: a typo must not turn a setting off. */
    private static Boolean strictBoolean(String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("'" + value + "' is neither true nor false");
        };
    }

    private static void interval(String key, Duration value) throws InvalidConfigException {
        if (value.compareTo(MIN_INTERVAL) < 0 || value.compareTo(MAX_INTERVAL) > 0) {
            throw new InvalidConfigException(key + ": " + LiveSettings.text(value) + " is outside "
                    + LiveSettings.text(MIN_INTERVAL) + " to " + LiveSettings.text(MAX_INTERVAL));
        }
    }

    private static void range(String key, int value, int min, int max) throws InvalidConfigException {
        if (value < min || value > max) {
            throw new InvalidConfigException(key + ": " + value + " is outside " + min + " to " + max);
        }
    }

}
