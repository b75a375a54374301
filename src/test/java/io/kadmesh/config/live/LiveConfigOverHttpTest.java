package io.kadmesh.config.live;

import static io.kadmesh.transport.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.kadmesh.cli.KadmeshCommand;
import io.kadmesh.testing.GitHttpServer;
import picocli.CommandLine;

/**
 * A node's live settings from a real Git server over HTTP on loopback (JGit's GitServlet in Jetty),
 * with a password: a pushed commit applied within two poll intervals, a rollback made with
 * {@code kadmesh config rollback} against the URL applied too, a wrong password reported without the
 * password, and a restart while the server is down running on the last good settings.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveConfigOverHttpTest {

    private static final String PASSWORD = "s3cret-t0ken";
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    private GitHttpServer server;
    private WorkTreeRepo admin;
    private String url;

    @BeforeEach
    void serveARepository() throws Exception {
        Path served = Files.createDirectories(temp.resolve("served"));
        Git.init().setBare(true).setDirectory(served.resolve("config.git").toFile()).setInitialBranch("main").call()
                .close();
        server = GitHttpServer.start(served, Optional.of(PASSWORD));
        url = server.url("config.git");
        admin = WorkTreeRepo.create(temp.resolve("admin"), "kadmesh.connections.max=9\n");
        admin.push(url, PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        admin.close();
        server.close();
    }

    @Test
    void mustApplyAPushedCommitAndAConfigRollbackWithinTwoPollIntervals() throws Exception {
        try (LiveConfig live = live(PASSWORD)) {
            live.start();
            await("the first commit applied", WAIT, () -> live.current().source() == ConfigSnapshot.Source.GIT);
            String first = live.current().commit();

            String second = admin.commit("fewer links", "node.properties", "kadmesh.connections.max=5\n");
            admin.push(url, PASSWORD);
            long pushed = System.nanoTime();
            await("the pushed commit applied", WAIT, () -> second.equals(live.current().commit()));
            assertWithinTwoPolls(pushed);
            assertEquals(5, live.current().settings().connectionsMax());

            Path passwordFile = Files.writeString(temp.resolve("password"), PASSWORD + "\n");
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new KadmeshCommand());
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(out, true));
            int exit = cli.execute("config", "rollback", "--repo", url, "--username", "admin", "--password-file",
                    passwordFile.toString(), "-m", "five links were too few");
            assertEquals(0, exit, out.toString());
            assertFalse(out.toString().contains(PASSWORD), out.toString());
            long rolledBack = System.nanoTime();
            await("the rollback applied", WAIT,
                    () -> !second.equals(live.current().commit()) && !first.equals(live.current().commit()));
            assertWithinTwoPolls(rolledBack);
            assertEquals(9, live.current().settings().connectionsMax(), "the rollback restores the first settings");
        }
    }

    @Test
    void aWrongPasswordMustBeReportedWithoutThePassword() throws Exception {
        try (LiveConfig live = live("wrong-" + PASSWORD)) {
            live.poll();
            String error = live.repo().error();
            assertTrue(error != null && error.contains("cannot fetch " + url), error);
            assertFalse(error.contains(PASSWORD), error);
            assertEquals(ConfigSnapshot.Source.DEFAULTS, live.current().source());
        }
    }

    @Test
    void aRestartWhileTheServerIsDownMustRunOnTheLastGoodSettings() throws Exception {
        String applied;
        try (LiveConfig live = live(PASSWORD)) {
            live.poll();
            applied = live.current().commit();
        }
        server.close();
        try (LiveConfig restarted = live(PASSWORD)) {
            restarted.start();
            assertEquals(ConfigSnapshot.Source.DISK, restarted.current().source());
            assertEquals(applied, restarted.current().commit());
            assertEquals(9, restarted.current().settings().connectionsMax());
            await("a failed fetch reported", WAIT, () -> restarted.repo().error() != null);
            assertTrue(restarted.repo().error().startsWith("cannot fetch " + url), restarted.repo().error());
        }
    }

    private LiveConfig live(String password) {
        RepoLocation location = new RepoLocation(url, "main", "", Optional.of("kadmesh"), Optional.of(password));
        return new LiveConfig(Optional.of(new LiveConfig.Options(location, Optional.empty(), temp.resolve("node"), POLL,
                Duration.ofSeconds(10))), LiveSettings.builtIn(), Clock.systemUTC());
    }

    private static void assertWithinTwoPolls(long since) {
        Duration took = Duration.ofNanos(System.nanoTime() - since);
        assertTrue(took.compareTo(POLL.multipliedBy(2)) <= 0, "applied after " + took.toMillis() + " ms");
    }

}
