package io.kadmesh.config.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The config directory at one commit, read from the repository's objects: no work tree is needed,
 * so a node keeps only a bare clone, and what it reads is exactly what the commit holds.
 */
public final class CommitFiles implements ConfigFiles {

    private final Repository repository;
    private final RevCommit commit;
    private final String base;

    /** The directory {@code path} (empty: the root) of {@code commit} in {@code repository}. */
    public CommitFiles(Repository repository, ObjectId commit, String path) throws IOException {
        this.repository = repository;
        try (RevWalk walk = new RevWalk(repository)) {
            this.commit = walk.parseCommit(commit);
        }
        String trimmed = path.strip().replaceAll("^/+|/+$", "");
        this.base = trimmed.isEmpty() ? "" : trimmed + "/";
    }

    @Override
    public Optional<String> read(String path) throws IOException, InvalidConfigException {
        try (TreeWalk walk = TreeWalk.forPath(repository, base + path, commit.getTree())) {
            if (walk == null || !isFile(walk)) {
                return Optional.empty();
            }
            try (ObjectReader reader = repository.newObjectReader()) {
                long size = reader.getObjectSize(walk.getObjectId(0), org.eclipse.jgit.lib.Constants.OBJ_BLOB);
                if (size > ConfigLayer.MAX_CHARS * 4L) {
                    throw new InvalidConfigException(path + ": " + size + " bytes, too large for a config file");
                }
                return Optional.of(new String(reader.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Override
    public List<String> list(String dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (TreeWalk directory = TreeWalk.forPath(repository, base + dir, commit.getTree())) {
            if (directory == null || directory.getFileMode(0) != FileMode.TREE) {
                return names;
            }
            try (TreeWalk walk = new TreeWalk(repository)) {
                walk.addTree(directory.getObjectId(0));
                while (walk.next()) {
                    if (isFile(walk) && walk.getNameString().endsWith(ConfigLayout.SUFFIX)) {
                        names.add(walk.getNameString());
                    }
                }
            }
        }
        names.sort(null);
        return names;
    }

    /** The commit read. */
    public RevCommit commit() {
        return commit;
    }

    private static boolean isFile(TreeWalk walk) {
        FileMode mode = walk.getFileMode(0);
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }
}
