package io.kadmesh.config.live;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The last commit's settings a node applied, kept on disk so that a restart while the config
 * repository is unreachable starts on them, not on the defaults. Written whole to a temporary file
 * and moved into place, so a crash leaves the old file or the new one, never half of one.
 */
public final class AppliedSettingsFile {

    private static final String COMMIT = "commit";
    private static final String APPLIED_AT = "applied-at";

    private final Path file;

    public AppliedSettingsFile(Path file) {
        this.file = file;
    }

    /** Writes {@code snapshot}, which came from a commit. */
    public void save(ConfigSnapshot snapshot) throws IOException {
        Properties properties = new Properties();
        properties.setProperty(COMMIT, snapshot.commit());
        properties.setProperty(APPLIED_AT, snapshot.appliedAt().toString());
        properties.putAll(snapshot.settings().asProperties());
        StringWriter text = new StringWriter();
        properties.store(text, "The settings of the last commit of the config repository this node applied");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text.toString(), StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The snapshot kept, checked again over {@code base} as a commit would be; empty when there is no
     * file.
     *
     * @throws InvalidConfigException when the file is damaged or its settings no longer valid
     */
    public Optional<ConfigSnapshot> load(LiveSettings base) throws IOException, InvalidConfigException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(file + ": malformed: " + e.getMessage(), e);
        }
        String commit = properties.getProperty(COMMIT);
        String appliedAt = properties.getProperty(APPLIED_AT);
        if (commit == null || appliedAt == null) {
            throw new InvalidConfigException(file + ": no " + (commit == null ? COMMIT : APPLIED_AT));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.equals(COMMIT) && !key.equals(APPLIED_AT)) {
                settings.put(key, properties.getProperty(key));
            }
        }
        try {
            LiveSettings kept = SettingsCheck.settings(base, List.of(new ConfigLayer(file.toString(), settings)));
            return Optional.of(new ConfigSnapshot(commit, kept, Instant.parse(appliedAt), ConfigSnapshot.Source.DISK));
        } catch (DateTimeParseException e) {
            throw new InvalidConfigException(file + ": " + APPLIED_AT + " is not an instant: " + appliedAt, e);
        }
    }
}
