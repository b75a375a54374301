package io.kadmesh.config.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

/** A config repository with a work tree, for tests: files written and committed as an operator would. */
final class WorkTreeRepo implements AutoCloseable {

    private final Path root;
    private final Git git;

    private WorkTreeRepo(Path root, Git git) {
        this.root = root;
        this.git = git;
    }

    /** A repository in {@code root} on branch main, with a first commit of {@code node.properties}. */
    static WorkTreeRepo create(Path root, String nodeProperties) throws IOException, GitAPIException {
        Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call();
        WorkTreeRepo fixture = new WorkTreeRepo(root, git);
        fixture.commit("first", "node.properties", nodeProperties);
        return fixture;
    }

    /** The repository with a work tree at {@code root}, made before. */
    static WorkTreeRepo open(Path root) throws IOException {
        return new WorkTreeRepo(root, Git.open(root.toFile()));
    }

    /** Writes {@code text} to {@code path} and commits it; answers the commit's id. */
    String commit(String message, String path, String text) throws IOException, GitAPIException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        git.add().addFilepattern(path).call();
        RevCommit commit = git.commit().setMessage(message).setSign(false).call();
        return commit.name();
    }

    /** Pushes the branch to {@code url}, with {@code password} if the server wants one. */
    void push(String url, String password) throws GitAPIException {
        git.push().setRemote(url).add("main").setCredentialsProvider(
                new org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider("admin", password)).call();
    }

    /** The repository's directory: what a node's {@code kadmesh.config-repo.uri} names. */
    String uri() {
        return root.toString();
    }

    Git git() {
        return git;
    }

    @Override
    public void close() {
        git.close();
    }
}
