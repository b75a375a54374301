package io.kadmesh.cli.config;

import static io.kadmesh.cli.config.ConfigRepoFixture.commitCount;
import static io.kadmesh.cli.config.ConfigRepoFixture.head;
import static io.kadmesh.cli.config.ConfigRepoFixture.kadmesh;
import static io.kadmesh.cli.config.ConfigRepoFixture.settingsAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.kadmesh.cli.config.ConfigRepoFixture.Run;
import io.kadmesh.testing.GitHttpServer;

/**
 * The CLI against a bare repository served over HTTP by JGit's servlet: given the URL it clones,
 * commits and pushes; a local clone pushes to its origin, and is told when the origin moved.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemoteRepositoryTest {

    private static final String PASSWORD = "s3cret-token-42";

    @TempDir
    Path directory;

    private Path served;
    private Path bare;

    @BeforeEach
    void createServedRepository() throws Exception {
        served = Files.createDirectories(directory.resolve("served"));
        bare = served.resolve("config.git");
        try (Git template = ConfigRepoFixture.templateRepo(directory.resolve("template"));
                Git ignored = Git.cloneRepository().setBare(true).setURI(template.getRepository().getDirectory().toURI()
                        .toString()).setDirectory(bare.toFile()).call()) {
            // a bare copy of the template, with main
        }
    }

    @Test
    void shouldCloneCommitAndPushWhenGivenAUrl() throws Exception {
        try (GitHttpServer server = GitHttpServer.start(served); Git remote = Git.open(bare.toFile())) {
            Run run = kadmesh("config", "set", "--repo", server.url("config.git"), "kadmesh.dht.refresh-interval=10m",
                    "-m", "buckets go stale");

            assertEquals(0, run.exitCode(), run.toString());
            Repository repository = remote.getRepository();
            assertEquals(2, commitCount(repository, "main"));
            assertEquals("config: set kadmesh.dht.refresh-interval=10m (was 15m)",
                    head(repository, "main").getShortMessage());
            assertEquals(Duration.ofMinutes(10), settingsAt(repository, head(repository, "main")).refreshInterval());
        }
    }

    @Test
    void shouldOfferThePasswordFromItsFileAndNeverPrintIt() throws Exception {
        Path right = Files.writeString(directory.resolve("right"), PASSWORD + "\n");
        Path wrong = Files.writeString(directory.resolve("wrong"), "not-" + PASSWORD + "\n");
        try (GitHttpServer server = GitHttpServer.start(served, Optional.of(PASSWORD));
                Git remote = Git.open(bare.toFile())) {
            Run refused = kadmesh("config", "metrics", "--repo", server.url("config.git"), "--username", "ops",
                    "--password-file", wrong.toString(), "off", "-m", "x");
            Run accepted = kadmesh("config", "metrics", "--repo", server.url("config.git"), "--username", "ops",
                    "--password-file", right.toString(), "off", "-m", "quiet");

            assertEquals(1, refused.exitCode(), refused.toString());
            assertTrue(refused.err().contains("cannot clone"), refused.toString());
            assertFalse(refused.toString().contains(PASSWORD), refused.toString());
            assertEquals(0, accepted.exitCode(), accepted.toString());
            assertFalse(accepted.toString().contains(PASSWORD), accepted.toString());
            assertFalse(settingsAt(remote.getRepository(), head(remote.getRepository(), "main")).metricsEnabled());
        }
    }

    @Test
    void shouldPushFromALocalCloneAndSayWhenTheRemoteMoved() throws Exception {
        try (GitHttpServer server = GitHttpServer.start(served);
                Git mine = Git.cloneRepository().setURI(server.url("config.git"))
                        .setDirectory(directory.resolve("mine").toFile()).call();
                Git theirs = Git.cloneRepository().setURI(server.url("config.git"))
                        .setDirectory(directory.resolve("theirs").toFile()).call();
                Git remote = Git.open(bare.toFile())) {
            ConfigRepoFixture.identify(mine.getRepository());
            ConfigRepoFixture.identify(theirs.getRepository());
            Run pushed = kadmesh("config", "set", "--repo", directory.resolve("theirs").toString(),
                    "kadmesh.connections.max=10", "-m", "more links");

            Run rejected = kadmesh("config", "set", "--repo", directory.resolve("mine").toString(),
                    "kadmesh.connections.max=12", "-m", "even more links");

            assertEquals(0, pushed.exitCode(), pushed.toString());
            assertEquals(1, rejected.exitCode(), rejected.toString());
            assertTrue(rejected.err().contains("moved since it was read"), rejected.toString());
            assertEquals(10, settingsAt(remote.getRepository(), head(remote.getRepository(), "main")).connectionsMax());
        }
    }

    @Test
    void shouldSayWhenTheUrlHasNoSuchRepositoryOrBranch() throws Exception {
        try (GitHttpServer server = GitHttpServer.start(served)) {
            Run noRepository = kadmesh("config", "log", "--repo", server.url("nothing.git"));
            Run noBranch = kadmesh("config", "log", "--repo", server.url("config.git"), "--branch", "prod");

            assertEquals(1, noRepository.exitCode(), noRepository.toString());
            assertTrue(noRepository.err().contains("cannot clone " + server.url("nothing.git")), noRepository.toString());
            assertEquals(1, noBranch.exitCode(), noBranch.toString());
            assertTrue(noBranch.err().contains("branch 'prod' does not exist"), noBranch.toString());
        }
    }
}
