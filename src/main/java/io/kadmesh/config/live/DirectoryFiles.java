package io.kadmesh.config.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The config directory as files on disk: a work tree of the config repository, or its template in the source. */
public final class DirectoryFiles implements ConfigFiles {

    private final Path root;

    public DirectoryFiles(Path root) {
        this.root = root;
    }

    @Override
    public Optional<String> read(String path) throws IOException, InvalidConfigException {
        Path file = root.resolve(path);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        if (Files.size(file) > ConfigLayer.MAX_CHARS * 4L) {
            throw new InvalidConfigException(path + ": " + Files.size(file) + " bytes, too large for a config file");
        }
        return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Override
    public List<String> list(String dir) throws IOException {
        Path directory = root.resolve(dir);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(ConfigLayout.SUFFIX)).sorted().toList();
        }
    }
}
