package io.kadmesh.config.live;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the live settings live in a config directory, and in which order they apply: the defaults
 * in {@code node.properties}, then the profile they (or the node's file) choose in
 * {@code profiles/<name>.properties}, then the node's own overrides in {@code nodes/<name>.properties}.
 */
public final class ConfigLayout {

    /** The defaults of every live key. */
    public static final String DEFAULTS = "node.properties";
    /** The directory of profiles. */
    public static final String PROFILES = "profiles";
    /** The directory of per-node overrides. */
    public static final String NODES = "nodes";
    /** The suffix of every config file. */
    public static final String SUFFIX = ".properties";

    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    private ConfigLayout() {
    }

    /**
     * The settings of the node named {@code nodeName} (none: no overrides) over {@code base}.
     *
     * @throws InvalidConfigException naming the file and key of the first problem
     */
    public static LiveSettings settings(ConfigFiles files, LiveSettings base, Optional<String> nodeName)
            throws IOException, InvalidConfigException {
        Optional<ConfigLayer> node = Optional.empty();
        if (nodeName.isPresent()) {
            node = read(files, nodeFile(nodeName.get()));
        }
        return layered(files, base, node);
    }

    private static LiveSettings layered(ConfigFiles files, LiveSettings base, Optional<ConfigLayer> node)
            throws IOException, InvalidConfigException {
        ConfigLayer defaults = read(files, DEFAULTS).orElseThrow(() -> new InvalidConfigException(
                DEFAULTS + " is missing: this is not a Kadmesh config directory (see config-repo/README.md)"));
        List<ConfigLayer> layers = new ArrayList<>();
        layers.add(defaults);
        profileLayer(files, base, defaults, node).ifPresent(layers::add);
        node.ifPresent(layers::add);
        return SettingsCheck.settings(base, layers);
    }

    /**
     * Every problem of the config directory: the defaults with each profile chosen in turn, and with
     * each node's overrides. Empty when every combination gives valid settings.
     */
    public static List<String> problems(ConfigFiles files, LiveSettings base) throws IOException {
        List<String> problems = new ArrayList<>();
        check(problems, () -> settings(files, base, Optional.empty()));
        for (String profile : files.list(PROFILES)) {
            String name = profile.substring(0, profile.length() - SUFFIX.length());
            ConfigLayer chooser = new ConfigLayer("(profile " + name + " chosen)", Map.of(LiveSettings.PROFILE, name));
            check(problems, () -> layered(files, base, Optional.of(chooser)));
        }
        for (String node : files.list(NODES)) {
            String name = node.substring(0, node.length() - SUFFIX.length());
            check(problems, () -> settings(files, base, Optional.of(name)));
        }
        return problems;
    }

    /** The path of the override file of the node {@code name}. */
    public static String nodeFile(String name) throws InvalidConfigException {
        if (!NODE_NAME.matcher(name).matches()) {
            throw new InvalidConfigException("'" + name + "' is not a node name (letters, digits, '.', '_', '-')");
        }
        return NODES + "/" + name + SUFFIX;
    }

    /** The path of the file of the profile {@code name}. */
    public static String profileFile(String name) {
        return PROFILES + "/" + name + SUFFIX;
    }

    /**
     * The layer of the profile that the node's file chooses, else the defaults, else the startup
     * settings; none for {@code default}.
     */
    private static Optional<ConfigLayer> profileLayer(ConfigFiles files, LiveSettings base, ConfigLayer defaults,
            Optional<ConfigLayer> node) throws IOException, InvalidConfigException {
        ConfigLayer chooser = node.filter(layer -> layer.properties().containsKey(LiveSettings.PROFILE))
                .orElse(defaults);
        String profile = chooser.properties().getOrDefault(LiveSettings.PROFILE, base.profile());
        if (profile.equals(LiveSettings.DEFAULT_PROFILE)) {
            return Optional.empty();
        }
        SettingsCheck.checkProfileName(profile);
        ConfigLayer layer = read(files, profileFile(profile)).orElseThrow(() -> new InvalidConfigException("profile '"
                + profile + "', chosen in "
                + (chooser.properties().containsKey(LiveSettings.PROFILE) ? chooser.path() : "kadmesh.profile at startup")
                + ", has no file " + profileFile(profile)));
        if (layer.properties().containsKey(LiveSettings.PROFILE)) {
            throw new InvalidConfigException(layer.path() + ": a profile cannot choose a profile (kadmesh.profile)");
        }
        return Optional.of(layer);
    }

    private static Optional<ConfigLayer> read(ConfigFiles files, String path) throws IOException, InvalidConfigException {
        Optional<String> text = files.read(path);
        return text.isEmpty() ? Optional.empty() : Optional.of(ConfigLayer.parse(path, text.get()));
    }

    private static void check(List<String> problems, Check check) throws IOException {
        try {
            check.run();
        } catch (InvalidConfigException e) {
            problems.add(e.getMessage());
        }
    }

    private interface Check {
        LiveSettings run() throws IOException, InvalidConfigException;
    }
}
