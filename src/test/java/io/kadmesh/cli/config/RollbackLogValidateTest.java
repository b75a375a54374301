package io.kadmesh.cli.config;

import static io.kadmesh.cli.config.ConfigRepoFixture.commitCount;
import static io.kadmesh.cli.config.ConfigRepoFixture.commitFile;
import static io.kadmesh.cli.config.ConfigRepoFixture.head;
import static io.kadmesh.cli.config.ConfigRepoFixture.kadmesh;
import static io.kadmesh.cli.config.ConfigRepoFixture.settingsAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.cli.config.ConfigRepoFixture.Run;

/** {@code kadmesh config rollback}, {@code log} and {@code validate} on a local work tree. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RollbackLogValidateTest extends TemplateRepoTest {

    @Test
    void shouldRestoreThePreviousSettingsWhenRollingBackTheHead() throws Exception {
        set("kadmesh.dht.ping-interval=15s", "try faster pings");
        RevCommit change = head(repository, "main");

        Run run = kadmesh("config", "rollback", "--repo", repo, "-m", "doubled the traffic");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(3, commitCount(repository, "main"));
        RevCommit revert = head(repository, "main");
        assertEquals("Revert \"" + change.getShortMessage() + "\"", revert.getShortMessage());
        assertTrue(revert.getFullMessage().contains("This reverts commit " + change.name() + ".\n\ndoubled the traffic"),
                revert.getFullMessage());
        assertEquals(Duration.ofSeconds(30), settingsAt(repository, revert).pingInterval());
        assertTrue(run.out().contains("kadmesh.dht.ping-interval: 15s → 30s"), run.toString());
        assertTrue(git.status().call().isClean());
    }

    @Test
    void shouldRollBackAnEarlierCommitKeepingTheLaterOnes() throws Exception {
        set("kadmesh.dht.ping-interval=15s", "faster pings");
        RevCommit pings = head(repository, "main");
        kadmesh("config", "metrics", "--repo", repo, "off", "-m", "quiet");

        Run run = kadmesh("config", "rollback", "--repo", repo, pings.abbreviate(8).name(), "-m", "pings back");

        assertEquals(0, run.exitCode(), run.toString());
        var settings = settingsAt(repository, head(repository, "main"));
        assertEquals(Duration.ofSeconds(30), settings.pingInterval());
        assertEquals(false, settings.metricsEnabled());
    }

    @Test
    void shouldRefuseAnUnknownCommit() throws Exception {
        Run run = kadmesh("config", "rollback", "--repo", repo, "deadbeef", "-m", "x");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("unknown commit 'deadbeef'"), run.toString());
        assertEquals(1, commitCount(repository, "main"));
    }

    @Test
    void shouldRefuseARollbackWhoseResultWouldNotValidate() throws Exception {
        RevCommit addsProfile = commitFile(git, "profiles/quiet.properties", "kadmesh.metrics.enabled=false\n",
                "config: add the quiet profile");
        set("kadmesh.profile=quiet", "go quiet");

        Run run = kadmesh("config", "rollback", "--repo", repo, addsProfile.name(), "-m", "drop the profile");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("profiles/quiet.properties"), run.toString());
        assertEquals(3, commitCount(repository, "main"), "nothing committed");
        assertTrue(Files.exists(directory.resolve("profiles/quiet.properties")), "the work tree is left as it was");
        assertTrue(git.status().call().isClean());
    }

    @Test
    void shouldLogWhichCommitChangedWhichSettings() throws Exception {
        set("kadmesh.dht.ping-interval=15s", "faster pings");
        kadmesh("config", "profile", "--repo", repo, "minimal", "-m", "incident");

        Run run = kadmesh("config", "log", "--repo", repo);

        assertEquals(0, run.exitCode(), run.toString());
        String out = run.out();
        int profile = out.indexOf("config: set kadmesh.profile=minimal (was default)");
        int pings = out.indexOf("config: set kadmesh.dht.ping-interval=15s (was 30s)");
        assertTrue(profile >= 0 && pings > profile, "newest first: " + out);
        assertTrue(out.indexOf("kadmesh.metrics.enabled: true → false", profile) < pings, out);
        assertTrue(out.indexOf("kadmesh.dht.ping-interval: 15s → 60s", profile) < pings, out);
        assertTrue(out.indexOf("kadmesh.dht.ping-interval: 30s → 15s", pings) > pings, out);
    }

    @Test
    void shouldValidateTheWorkTreeAndListItsProblems() throws Exception {
        Run valid = kadmesh("config", "validate", "--repo", repo);
        Files.writeString(directory.resolve("profiles/minimal.properties"), "kadmesh.connections.min=0\n");
        Run invalid = kadmesh("config", "validate", "--repo", repo);

        assertEquals(0, valid.exitCode(), valid.toString());
        assertTrue(valid.out().contains("valid"), valid.toString());
        assertEquals(1, invalid.exitCode(), invalid.toString());
        assertTrue(invalid.err().contains("kadmesh.connections.min: 0 is outside 1 to 256"), invalid.toString());
    }

    private void set(String assignment, String reason) {
        Run run = kadmesh("config", "set", "--repo", repo, assignment, "-m", reason);
        assertEquals(0, run.exitCode(), run.toString());
    }
}
