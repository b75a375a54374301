package io.kadmesh.cli.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.kadmesh.config.live.ConfigFiles;
import io.kadmesh.config.live.InvalidConfigException;

/** A config directory with one more file than {@code base} has. */
record OverlayFiles(ConfigFiles base, String path, String text) implements ConfigFiles {

    @Override
    public Optional<String> read(String file) throws IOException, InvalidConfigException {
        return file.equals(path) ? Optional.of(text) : base.read(file);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        List<String> names = new ArrayList<>(base.list(dir));
        if (path.startsWith(dir + "/")) {
            names.add(path.substring(dir.length() + 1));
            names.sort(null);
        }
        return names;
    }
}
