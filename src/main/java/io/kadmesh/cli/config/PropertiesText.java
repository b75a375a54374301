package io.kadmesh.cli.config;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of one config file, edited the way a person would: the line of a key gets its new value,
 * a key the file lacks is appended, and every comment and every other line stays as it was.
 */
final class PropertiesText {

    /** A property line's key: up to the first unescaped '=', ':' or blank. */
    private static final Pattern KEY = Pattern.compile("^\\s*((?:[^\\\\=:\\s]|\\\\.)+)");

    private final List<String> lines;

    private PropertiesText(List<String> lines) {
        this.lines = lines;
    }

    /** The file's text, split into lines. */
    static PropertiesText of(String text) {
        return new PropertiesText(new ArrayList<>(text.lines().toList()));
    }

    /** The value {@code key} has in {@code text}, if it has one. */
    static Optional<String> valueOf(String text, String key) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(properties.getProperty(key)).map(String::strip);
    }

    /** Sets each key to its value, in place or appended. */
    PropertiesText with(Map<String, String> values) {
        values.forEach(this::set);
        return this;
    }

    private void set(String key, String value) {
        String line = key + "=" + escape(value);
        for (int i = 0; i < lines.size(); i++) {
            if (key.equals(keyOf(lines.get(i)))) {
                dropContinuations(i);
                lines.set(i, line);
                return;
            }
        }
        lines.add(line);
    }

    private void dropContinuations(int index) {
        int last = index;
        while (last + 1 < lines.size() && continues(lines.get(last))) {
            last++;
        }
        for (int i = last; i > index; i--) {
            lines.remove(i);
        }
    }

    private static boolean continues(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static String keyOf(String line) {
        String stripped = line.stripLeading();
        if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith("!")) {
            return null;
        }
        Matcher matcher = KEY.matcher(line);
        return matcher.find() ? matcher.group(1).replaceAll("\\\\(.)", "$1") : null;
    }

    /**
     * {@code value} as a properties file writes it: backslashes and line breaks escaped, so that a value
     * stays on its own line and can never add a key of its own.
     */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\f", "\\f");
    }

    /** The edited text, ending in a line break. */
    String text() {
        return String.join("\n", lines) + "\n";
    }
}
