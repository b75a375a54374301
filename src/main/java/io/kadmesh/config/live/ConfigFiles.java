package io.kadmesh.config.live;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The files of one config directory: at a commit of the config repository, or on disk. */
public interface ConfigFiles {

    /**
     * The text of the file {@code path} (relative to the config directory, {@code /}-separated), or
     * empty when there is none.
     *
     * @throws InvalidConfigException when the file is not a readable text file of sensible size
     */
    Optional<String> read(String path) throws IOException, InvalidConfigException;

    /** The names of the {@code .properties} files in the directory {@code dir}, sorted; empty when there is none. */
    List<String> list(String dir) throws IOException;
}
