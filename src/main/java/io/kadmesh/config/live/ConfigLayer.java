package io.kadmesh.config.live;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * One file of the config repository, parsed: its path (which every error names) and its properties.
 *
 * @param path the file's path in the config directory, such as {@code profiles/minimal.properties}
 * @param properties its keys and values
 */
public record ConfigLayer(String path, Map<String, String> properties) {

    /** Most characters a config file may hold: far beyond any real one, and a bound on what a commit can make a node parse. */
    public static final int MAX_CHARS = 64 * 1024;

    public ConfigLayer {
        properties = Map.copyOf(properties);
    }

    /** Parses {@code text}, the content of the file {@code path}, in Java properties syntax. */
    public static ConfigLayer parse(String path, String text) throws InvalidConfigException {
        if (text.length() > MAX_CHARS) {
            throw new InvalidConfigException(
                    path + ": " + text.length() + " characters, more than a config file may hold (" + MAX_CHARS + ")");
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidConfigException(path + ": malformed properties: " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            values.put(key, properties.getProperty(key).strip());
        }
        return new ConfigLayer(path, values);
    }
}
