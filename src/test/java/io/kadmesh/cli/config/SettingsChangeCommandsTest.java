package io.kadmesh.cli.config;

import static io.kadmesh.cli.config.ConfigRepoFixture.commitCount;
import static io.kadmesh.cli.config.ConfigRepoFixture.fileAtHead;
import static io.kadmesh.cli.config.ConfigRepoFixture.head;
import static io.kadmesh.cli.config.ConfigRepoFixture.kadmesh;
import static io.kadmesh.cli.config.ConfigRepoFixture.settingsAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.cli.config.ConfigRepoFixture.Run;
import io.kadmesh.config.live.LiveSettings;

/** {@code kadmesh config set / profile / metrics} on a local work tree: one validated commit each, or none. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SettingsChangeCommandsTest extends TemplateRepoTest {

    @Test
    void shouldMakeOneCommitSayingWhatChangedAndWhyWhenSettingAKey() throws Exception {
        Run run = kadmesh("config", "set", "--repo", repo, "kadmesh.dht.ping-interval=15s", "-m", "churn is high");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(2, commitCount(repository, "main"));
        RevCommit commit = head(repository, "main");
        assertEquals("config: set kadmesh.dht.ping-interval=15s (was 30s)", commit.getShortMessage());
        assertTrue(commit.getFullMessage().endsWith("\n\nchurn is high\n"), commit.getFullMessage());
        String defaults = fileAtHead(repository, "node.properties").orElseThrow();
        assertTrue(defaults.contains("\nkadmesh.dht.ping-interval=15s\n"), defaults);
        assertTrue(defaults.contains("# Liveness: every half of it"), "comments are kept");
        assertEquals(Duration.ofSeconds(15), settingsAt(repository, commit).pingInterval());
        assertEquals(defaults, Files.readString(directory.resolve("node.properties")), "the work tree follows");
        assertTrue(git.status().call().isClean());
    }

    @Test
    void shouldSetSeveralKeysInOneCommit() throws Exception {
        Run run = kadmesh("config", "set", "--repo", repo, "kadmesh.connections.min=4", "kadmesh.connections.max=12",
                "-m", "more links");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(2, commitCount(repository, "main"));
        assertEquals("config: set kadmesh.connections.min=4 (was 3), kadmesh.connections.max=12 (was 8)",
                head(repository, "main").getShortMessage());
        LiveSettings settings = settingsAt(repository, head(repository, "main"));
        assertEquals(4, settings.connectionsMin());
        assertEquals(12, settings.connectionsMax());
    }

    @Test
    void shouldWriteTheNodesOwnFileWithNodeName() throws Exception {
        Run run = kadmesh("config", "set", "--repo", repo, "--node-name", "node-7", "kadmesh.connections.max=20",
                "-m", "serves browsers");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("config: set kadmesh.connections.max=20 (was unset) for node node-7",
                head(repository, "main").getShortMessage());
        String file = fileAtHead(repository, "nodes/node-7.properties").orElseThrow();
        assertTrue(file.endsWith("kadmesh.connections.max=20\n"), file);
        assertEquals(8, settingsAt(repository, head(repository, "main")).connectionsMax(), "defaults unchanged");
    }

    @Test
    void shouldChooseTheProfileInOneCommit() throws Exception {
        Run run = kadmesh("config", "profile", "--repo", repo, "minimal", "-m", "incident 42");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(2, commitCount(repository, "main"));
        assertEquals("config: set kadmesh.profile=minimal (was default)", head(repository, "main").getShortMessage());
        LiveSettings settings = settingsAt(repository, head(repository, "main"));
        assertEquals("minimal", settings.profile());
        assertFalse(settings.metricsEnabled());
    }

    @Test
    void shouldTurnMetricsOffInOneCommit() throws Exception {
        Run run = kadmesh("config", "metrics", "--repo", repo, "off", "-m", "rule metrics out");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(2, commitCount(repository, "main"));
        assertEquals("config: set kadmesh.metrics.enabled=false (was true)", head(repository, "main").getShortMessage());
        assertFalse(settingsAt(repository, head(repository, "main")).metricsEnabled());
    }

    @Test
    void shouldCommitNothingForAValueOutOfRange() throws Exception {
        assertRefused(kadmesh("config", "set", "--repo", repo, "kadmesh.dht.ping-interval=0s", "-m", "x"), 1,
                "kadmesh.dht.ping-interval");
        assertRefused(kadmesh("config", "set", "--repo", repo, "kadmesh.dht.ping-interval=banana", "-m", "x"), 1,
                "kadmesh.dht.ping-interval");
        assertRefused(kadmesh("config", "set", "--repo", repo, "kadmesh.metrics.enabled=ture", "-m", "x"), 1,
                "kadmesh.metrics.enabled");
    }

    @Test
    void shouldNeverLetAValueAddALineOfItsOwn() throws Exception {
        assertRefused(kadmesh("config", "set", "--repo", repo, "kadmesh.dht.ping-interval=15s\nkadmesh.connections.max=5",
                "-m", "x"), 1, "kadmesh.dht.ping-interval");
        assertEquals(1, commitCount(repository, "main"), "nothing committed");
    }

    @Test
    void shouldCommitNothingWhenMinimumExceedsMaximum() throws Exception {
        Run run = kadmesh("config", "set", "--repo", repo, "kadmesh.connections.min=9", "-m", "x");

        assertRefused(run, 1, "kadmesh.connections.min");
        String problem = "kadmesh.connections.min (9) is above kadmesh.connections.max (8)";
        assertEquals(run.err().indexOf(problem), run.err().lastIndexOf(problem), "each problem once: " + run);
    }

    @Test
    void shouldCommitNothingForAnUnknownKeyOrMalformedAssignment() throws Exception {
        assertRefused(kadmesh("config", "set", "--repo", repo, "kadmesh.dht.pign-interval=15s", "-m", "x"), 2,
                "kadmesh.dht.pign-interval");
        assertRefused(kadmesh("config", "set", "--repo", repo, "kadmesh.dht.ping-interval", "-m", "x"), 2,
                "KEY=VALUE");
        assertRefused(kadmesh("config", "set", "--repo", repo, "kadmesh.dht.ping-interval=15s"), 2, "-m");
        assertRefused(kadmesh("config", "metrics", "--repo", repo, "maybe", "-m", "x"), 2, "on or off");
    }

    @Test
    void shouldCommitNothingForAMissingProfile() throws Exception {
        Run run = kadmesh("config", "profile", "--repo", repo, "turbo", "-m", "x");

        assertRefused(run, 1, "kadmesh.profile");
        assertTrue(run.err().contains("turbo") && run.err().contains("minimal, pre-crisis"), run.toString());
    }

    @Test
    void shouldRefuseADirectoryThatIsNotARepositoryOrABranchThatDoesNotExist() throws Exception {
        Path plain = Files.createDirectories(directory.resolve("plain"));

        Run notARepository = kadmesh("config", "set", "--repo", plain.toString(), "kadmesh.connections.max=9", "-m",
                "x");
        Run noBranch = kadmesh("config", "set", "--repo", repo, "--branch", "nope", "kadmesh.connections.max=9", "-m",
                "x");

        assertEquals(1, notARepository.exitCode(), notARepository.toString());
        assertTrue(notARepository.err().contains("is not a Git repository"), notARepository.toString());
        assertRefused(noBranch, 1, "branch 'nope' does not exist");
    }

    @Test
    void shouldRefuseAWorkTreeWithUncommittedChanges() throws Exception {
        Files.writeString(directory.resolve("node.properties"), "kadmesh.profile=default\n");

        Run run = kadmesh("config", "set", "--repo", repo, "kadmesh.connections.max=9", "-m", "x");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("uncommitted changes"), run.toString());
        assertEquals(1, commitCount(repository, "main"));
        assertEquals("kadmesh.profile=default\n", Files.readString(directory.resolve("node.properties")));
    }

    private void assertRefused(Run run, int exitCode, String named) throws Exception {
        assertEquals(exitCode, run.exitCode(), run.toString());
        assertTrue(run.err().contains(named), "the message names " + named + ": " + run);
        assertEquals(1, commitCount(repository, "main"), "nothing committed");
        assertTrue(git.status().call().isClean(), "the work tree is left as it was");
    }
}
