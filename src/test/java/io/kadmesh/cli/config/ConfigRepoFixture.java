package io.kadmesh.cli.config;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import io.kadmesh.cli.KadmeshCommand;
import io.kadmesh.config.live.CommitFiles;
import io.kadmesh.config.live.ConfigLayout;
import io.kadmesh.config.live.InvalidConfigException;
import io.kadmesh.config.live.LiveSettings;
import picocli.CommandLine;

/** Config repositories made from the {@code config-repo/} template, and the CLI run against them in-process. */
final class ConfigRepoFixture {

    /** The template in the source tree. */
    static final Path TEMPLATE = Path.of("config-repo");

    /**
     * What one command line did.
     *
     * @param exitCode its exit code
     * @param out what it printed on standard output
     * @param err what it printed on standard error
     */
    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    private ConfigRepoFixture() {
    }

    /** Runs {@code kadmesh args...} through picocli, without Quarkus. */
    static Run kadmesh(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new KadmeshCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exitCode = command.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** A work tree at {@code directory} on branch main with the template as its one commit. */
    static Git templateRepo(Path directory) throws IOException, GitAPIException {
        Git git = Git.init().setInitialBranch("main").setDirectory(directory.toFile()).call();
        identify(git.getRepository());
        copyTemplate(directory);
        git.add().addFilepattern(".").call();
        git.commit().setMessage("config: the template").call();
        return git;
    }

    /** Gives the repository a committer, so that commits do not depend on the machine's user. */
    static void identify(Repository repository) throws IOException {
        StoredConfig config = repository.getConfig();
        config.setString("user", null, "name", "Test Operator");
        config.setString("user", null, "email", "operator@example.org");
        config.save();
    }

    private static void copyTemplate(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATE)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(TEMPLATE.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    /** Writes {@code text} to {@code path} in the work tree and commits it. */
    static RevCommit commitFile(Git git, String path, String text, String message) throws IOException, GitAPIException {
        Path file = git.getRepository().getWorkTree().toPath().resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        git.add().addFilepattern(path).call();
        return git.commit().setMessage(message).call();
    }

    /** The number of commits on {@code branch}. */
    static int commitCount(Repository repository, String branch) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(repository.resolve("refs/heads/" + branch)));
            int count = 0;
            for (RevCommit ignored : walk) {
                count++;
            }
            return count;
        }
    }

    /** The head commit of {@code branch}. */
    static RevCommit head(Repository repository, String branch) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(repository.resolve("refs/heads/" + branch));
        }
    }

    /** The text of {@code path} at the head of main; empty when it has none. */
    static Optional<String> fileAtHead(Repository repository, String path) throws IOException, InvalidConfigException {
        return new CommitFiles(repository, head(repository, "main"), "").read(path);
    }

    /** The settings a node without overrides runs at {@code commit}. */
    static LiveSettings settingsAt(Repository repository, ObjectId commit) throws IOException, InvalidConfigException {
        return ConfigLayout.settings(new CommitFiles(repository, commit, ""), LiveSettings.builtIn(), Optional.empty());
    }
}
