package io.kadmesh.config.live;

import java.time.Instant;
import java.util.Objects;

/**
 * The live settings a node runs with, and where they came from.
 *
 * @param commit the commit of the config repository they were read at; null for the defaults built
 *        into the jar
 * @param settings the settings
 * @param appliedAt when this node applied them
 * @param source where they came from
 */
public record ConfigSnapshot(String commit, LiveSettings settings, Instant appliedAt, Source source) {

    /** Where a snapshot's settings came from. */
    public enum Source {
        /** A commit fetched from the config repository. */
        GIT,
        /** The last commit this node applied, kept on disk: the repository could not be reached yet. */
        DISK,
        /** The defaults built into the jar (and the node's startup settings): no commit applied yet. */
        DEFAULTS;

        /** The name the REST API gives it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ConfigSnapshot {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(appliedAt, "appliedAt");
        Objects.requireNonNull(source, "source");
    }
}
