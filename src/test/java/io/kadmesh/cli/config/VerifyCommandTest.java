package io.kadmesh.cli.config;

import static io.kadmesh.cli.config.ConfigApiStub.applied;
import static io.kadmesh.cli.config.ConfigApiStub.health;
import static io.kadmesh.cli.config.ConfigRepoFixture.kadmesh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.kadmesh.cli.config.ConfigRepoFixture.Run;

/** {@code kadmesh config verify} and {@code log --node} against stub nodes on 127.0.0.1. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VerifyCommandTest {

    private static final String OLD = "1111111111111111111111111111111111111111";

    @TempDir
    Path directory;

    private Git git;
    private String head;
    private ConfigApiStub first;
    private ConfigApiStub second;

    @BeforeEach
    void start() throws Exception {
        git = ConfigRepoFixture.templateRepo(directory);
        head = git.getRepository().resolve("refs/heads/main").name();
        first = new ConfigApiStub();
        second = new ConfigApiStub();
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
        git.close();
    }

    @Test
    void shouldPassWhenEveryNodeRunsTheHeadAndHeldItsHealth() {
        first.runs(head, null).history(health(true, 5, 20.0), applied(head, health(true, 6, 18.0)));
        second.runs(head, null).history(health(true, 4, 60.0), applied(head, health(true, 4, 25.0)));

        Run run = verify("--repo", directory.toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains(first.url()) && run.out().contains(second.url()), run.toString());
        assertTrue(run.out().contains("none got worse"), run.toString());
    }

    @Test
    void shouldFailNamingTheNodeThatIsNoLongerReady() {
        first.runs(head, null).history(health(true, 5, 20.0), applied(head, health(true, 5, 20.0)));
        second.runs(head, null).history(health(false, 5, 20.0), applied(head, health(true, 5, 20.0)));

        Run run = verify("--commit", head);

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("node " + second.url() + ": ready true → false"), run.toString());
        assertFalse(run.err().contains("node " + first.url() + ":"), run.toString());
    }

    @Test
    void shouldFailNamingTheNodeWhoseLookupsTripledOrLinksFellBelowTheMinimum() {
        first.runs(head, null).history(health(true, 5, 100.0), applied(head, health(true, 5, 30.0)));
        second.runs(head, null).history(health(true, 2, 20.0), applied(head, health(true, 6, 20.0)));

        Run run = verify("--commit", head.substring(0, 10));

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("node " + first.url() + ": lookup latency 30 ms → 100 ms"), run.toString());
        assertTrue(run.err().contains("node " + second.url() + ": connections 6 → 2 (below the minimum 3)"), run.toString());
    }

    @Test
    void shouldPassANodeThatRecoversWithinTheSettleTimeFromADipBelowTheMinimum() {
        first.runs(head, null).history(health(true, 5, 20.0), applied(head, health(true, 5, 20.0)));
        second.runs(head, null).history(health(false, 1, 20.0), applied(head, health(true, 4, 20.0)))
                .thenNow(health(true, 3, 20.0));

        Run run = kadmesh("config", "verify", "--node", first.url(), "--node", second.url(), "--commit", head,
                "--settle", "2s");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("ready, 3 links"), "the health it recovered to: " + run);
    }

    @Test
    void shouldStillFailANodeThatStaysWorseForTheSettleTime() {
        first.runs(head, null).history(health(true, 5, 20.0), applied(head, health(true, 5, 20.0)));
        second.runs(head, null).history(health(false, 1, 20.0), applied(head, health(true, 4, 20.0)))
                .thenNow(health(false, 2, 20.0));

        Run run = kadmesh("config", "verify", "--node", first.url(), "--node", second.url(), "--commit", head,
                "--settle", "1s");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("node " + second.url() + ": ready true → false"), run.toString());
    }

    @Test
    void shouldFailAtOnceWhenANodeRejectedTheCommit() {
        first.runs(head, null).history(health(true, 5, 20.0), applied(head, health(true, 5, 20.0)));
        second.runs(OLD, head).history(health(true, 5, 20.0), applied(OLD, health(true, 5, 20.0)));

        Run run = verify("--commit", head, "--timeout", "30s");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("node " + second.url() + " rejected commit " + head.substring(0, 7)),
                run.toString());
        assertTrue(run.err().contains("kadmesh.connections.min: 0 is outside"), "with the reason: " + run);
    }

    @Test
    void shouldTimeOutNamingTheNodeThatNeverReportedTheCommit() {
        first.runs(head, null).history(health(true, 5, 20.0), applied(head, health(true, 5, 20.0)));
        second.runs(OLD, null).history(health(true, 5, 20.0), applied(OLD, health(true, 5, 20.0)));

        Run run = verify("--commit", head, "--timeout", "1s");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("timed out after 1s"), run.toString());
        assertTrue(run.err().contains(second.url() + " (it runs 1111111)"), run.toString());
        assertFalse(run.err().contains(first.url()), run.toString());
    }

    @Test
    void shouldFailNamingANodeThatCannotBeReached() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String unreachable = "http://127.0.0.1:" + closedPort;

        Run run = kadmesh("config", "verify", "--node", unreachable, "--commit", head, "--settle", "0s");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("node " + unreachable + " cannot be reached"), run.toString());
    }

    @Test
    void shouldRequireACommitWithoutARepository() {
        Run run = kadmesh("config", "verify", "--node", first.url());

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--commit"), run.toString());
    }

    @Test
    void shouldLogEachNodesHealthAfterEachCommit() throws Exception {
        Run change = kadmesh("config", "set", "--repo", directory.toString(), "kadmesh.connections.max=9", "-m", "x");
        String next = git.getRepository().resolve("refs/heads/main").name();
        first.history(health(true, 9, 12.0), applied(next, health(true, 7, 15.0)), applied(head, health(true, 5, 20.0)));

        Run run = kadmesh("config", "log", "--repo", directory.toString(), "--node", first.url());

        assertEquals(0, change.exitCode(), change.toString());
        assertEquals(0, run.exitCode(), run.toString());
        String out = run.out();
        int newest = out.indexOf("after, on " + first.url() + ": ready, 9 links, lookups 12 ms");
        int older = out.indexOf("after, on " + first.url() + ": ready, 7 links, lookups 15 ms");
        assertTrue(newest >= 0 && older > newest, out);
    }

    private Run verify(String... commitOptions) {
        String[] base = { "config", "verify", "--node", first.url(), "--node", second.url(), "--settle", "0s" };
        String[] args = new String[base.length + commitOptions.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(commitOptions, 0, args, base.length, commitOptions.length);
        return kadmesh(args);
    }
}
