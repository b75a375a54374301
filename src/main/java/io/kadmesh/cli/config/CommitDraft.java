package io.kadmesh.cli.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEditor.PathEdit;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A commit made in the object store only, before any branch points at it: the CLI validates the
 * config directory at this commit, and only then moves the branch. A draft that fails validation is
 * an unreferenced object that no branch, clone or node ever sees.
 */
final class CommitDraft {

    private CommitDraft() {
    }

    /** The tree of {@code parent} with the file {@code path} (from the repository's root) holding {@code text}. */
    static ObjectId treeWith(Repository repository, ObjectId parent, String path, String text) throws IOException {
        try (ObjectInserter inserter = repository.newObjectInserter();
                ObjectReader reader = repository.newObjectReader();
                RevWalk walk = new RevWalk(reader)) {
            RevCommit commit = walk.parseCommit(parent);
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, commit.getTree());
            builder.finish();
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8));
            DirCacheEditor editor = index.editor();
            editor.add(new PathEdit(path) {
                @Override
                public void apply(DirCacheEntry entry) {
                    entry.setFileMode(FileMode.REGULAR_FILE);
                    entry.setObjectId(blob);
                }
            });
            editor.finish();
            ObjectId tree = index.writeTree(inserter);
            inserter.flush();
            return tree;
        }
    }

    /** A commit of {@code tree} on top of {@code parent}, by the repository's configured user. */
    static ObjectId commit(Repository repository, ObjectId tree, ObjectId parent, String message) throws IOException {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            PersonIdent person = new PersonIdent(repository);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            commit.setParentId(parent);
            commit.setAuthor(person);
            commit.setCommitter(person);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }

    /** The path of {@code file} of the config directory {@code configPath}, from the repository's root. */
    static String repoPath(String configPath, String file) {
        String trimmed = configPath.strip().replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? file : trimmed + "/" + file;
    }
}
