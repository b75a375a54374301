package io.kadmesh.cli.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.kadmesh.config.live.ConfigFiles;
import io.kadmesh.config.live.ConfigLayout;
import io.kadmesh.config.live.InvalidConfigException;
import io.kadmesh.config.live.LiveSettings;

/**
 * Which effective settings differ between two states of the config directory: those every node
 * without overrides runs with, then those of each node that has a file in {@code nodes/} where they
 * differ from the former. One line per change, {@code key: old → new}.
 */
final class SettingsDiff {

    private static final LiveSettings BUILT_IN = LiveSettings.builtIn();

    private SettingsDiff() {
    }

    /** The changes from {@code before} (empty: the built-in settings) to {@code after}. */
    static List<String> between(Optional<ConfigFiles> before, ConfigFiles after) throws IOException {
        List<String> defaults = compare("", before, after, Optional.empty());
        List<String> lines = new ArrayList<>(defaults);
        TreeSet<String> nodes = new TreeSet<>(after.list(ConfigLayout.NODES));
        if (before.isPresent()) {
            nodes.addAll(before.get().list(ConfigLayout.NODES));
        }
        for (String file : nodes) {
            String node = file.substring(0, file.length() - ConfigLayout.SUFFIX.length());
            String prefix = "node " + node + ": ";
            compare(prefix, before, after, Optional.of(node)).stream()
                    .filter(line -> !defaults.contains(line.substring(prefix.length()))).forEach(lines::add);
        }
        return lines;
    }

    private static List<String> compare(String prefix, Optional<ConfigFiles> before, ConfigFiles after,
            Optional<String> node) throws IOException {
        Settled old = before.isEmpty() ? new Settled(Optional.of(BUILT_IN), "") : settle(before.get(), node);
        Settled now = settle(after, node);
        if (now.settings().isEmpty()) {
            return old.settings().isEmpty() ? List.of() : List.of(prefix + "invalid: " + now.problem());
        }
        if (old.settings().isEmpty()) {
            return List.of(prefix + "valid again (was invalid: " + old.problem() + ")");
        }
        List<String> lines = new ArrayList<>();
        Map<String, String> from = old.settings().get().asProperties();
        now.settings().get().asProperties().forEach((key, value) -> {
            if (!value.equals(from.get(key))) {
                lines.add(prefix + key + ": " + from.get(key) + " → " + value);
            }
        });
        return lines;
    }

    private static Settled settle(ConfigFiles files, Optional<String> node) throws IOException {
        try {
            return new Settled(Optional.of(ConfigLayout.settings(files, BUILT_IN, node)), "");
        } catch (InvalidConfigException e) {
            return new Settled(Optional.empty(), e.getMessage());
        }
    }

    /** The settings of one state, or why there are none. */
    private record Settled(Optional<LiveSettings> settings, String problem) {
    }
}
