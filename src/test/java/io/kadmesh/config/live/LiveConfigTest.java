package io.kadmesh.config.live;

import static io.kadmesh.transport.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's live settings from a real Git repository on disk: commits applied as the branch moves,
 * invalid ones rejected with the last good kept, the last good kept on disk across a restart while
 * the repository is unreachable, and clear errors for a repository that is not one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveConfigTest {

    private static final LiveSettings BASE = LiveSettings.builtIn();
    private static final Duration POLL = Duration.ofSeconds(1);

    @TempDir
    Path temp;

    @Test
    void mustApplyEachNewCommitWithinTwoPollIntervalsAndTellListeners() throws Exception {
        try (WorkTreeRepo repo = WorkTreeRepo.create(temp.resolve("origin"), "kadmesh.connections.max=9\n");
                LiveConfig live = live(repo.uri(), Optional.empty())) {
            List<ConfigSnapshot> heard = new CopyOnWriteArrayList<>();
            live.onApplied(heard::add);
            live.start();
            await("the first commit applied", Duration.ofSeconds(10), () -> heard.size() == 1);
            String first = live.current().commit();
            assertEquals(ConfigSnapshot.Source.GIT, live.current().source());
            assertEquals(9, live.current().settings().connectionsMax());

            String second = repo.commit("ping faster", "node.properties",
                    "kadmesh.connections.max=9\nkadmesh.dht.ping-interval=12s\n");
            long committed = System.nanoTime();
            await("the second commit applied", Duration.ofSeconds(10), () -> second.equals(live.current().commit()));
            Duration took = Duration.ofNanos(System.nanoTime() - committed);
            assertTrue(took.compareTo(POLL.multipliedBy(2)) <= 0, "applied after " + took.toMillis() + " ms");
            assertEquals(Duration.ofSeconds(12), live.current().settings().pingInterval());
            await("listeners told of the second commit", Duration.ofSeconds(10), () -> heard.size() == 2);
            assertEquals(List.of(first, second), heard.stream().map(ConfigSnapshot::commit).toList());
            assertTrue(live.repo().reachable());
        }
    }

    @Test
    void mustRejectAnInvalidCommitKeepTheLastGoodAndSayWhy() throws Exception {
        try (WorkTreeRepo repo = WorkTreeRepo.create(temp.resolve("origin"), "kadmesh.connections.max=9\n");
                LiveConfig live = live(repo.uri(), Optional.empty())) {
            live.poll();
            String good = live.current().commit();
            String bad = repo.commit("typo", "node.properties", "kadmesh.connections.max=9\nkadmesh.dht.ping-intervall=5s\n");
            live.poll();
            assertEquals(good, live.current().commit());
            assertEquals(9, live.current().settings().connectionsMax());
            LiveConfig.Rejection rejection = live.rejected().orElseThrow();
            assertEquals(bad, rejection.commit());
            assertTrue(rejection.reason().contains("node.properties: unknown key 'kadmesh.dht.ping-intervall'"),
                    rejection.reason());

            String impossible = repo.commit("min above max", "node.properties",
                    "kadmesh.connections.min=12\nkadmesh.connections.max=9\n");
            live.poll();
            assertEquals(impossible, live.rejected().orElseThrow().commit());
            assertEquals(good, live.current().commit());

            String fixed = repo.commit("fix", "node.properties", "kadmesh.connections.max=10\n");
            live.poll();
            assertEquals(fixed, live.current().commit());
            assertTrue(live.rejected().isEmpty(), "a valid commit clears the rejection");
        }
    }

    @Test
    void mustRejectAProfileWithoutAFileAndApplyTheNodesOverridesOverTheProfile() throws Exception {
        try (WorkTreeRepo repo = WorkTreeRepo.create(temp.resolve("origin"), "kadmesh.profile=calm\n");
                LiveConfig live = live(repo.uri(), Optional.of("node-7"))) {
            live.poll();
            assertTrue(live.rejected().orElseThrow().reason().contains("profile 'calm', chosen in node.properties, "
                    + "has no file profiles/calm.properties"), live.rejected().orElseThrow().reason());

            repo.commit("calm profile", "profiles/calm.properties",
                    "kadmesh.dht.ping-interval=2m\nkadmesh.connections.max=5\n");
            String override = repo.commit("node-7 keeps more links", "nodes/node-7.properties", "kadmesh.connections.max=7\n");
            live.poll();
            assertEquals(override, live.current().commit());
            LiveSettings settings = live.current().settings();
            assertEquals("calm", settings.profile());
            assertEquals(Duration.ofMinutes(2), settings.pingInterval());
            assertEquals(7, settings.connectionsMax());
        }
    }

    @Test
    void mustStartOnTheSettingsKeptOnDiskWhenTheRepositoryIsUnreachable() throws Exception {
        Path origin = temp.resolve("origin");
        String applied;
        try (WorkTreeRepo repo = WorkTreeRepo.create(origin, "kadmesh.dht.refresh-interval=7m\n");
                LiveConfig live = live(repo.uri(), Optional.empty())) {
            live.poll();
            applied = live.current().commit();
        }
        Files.move(origin, temp.resolve("gone"));

        try (LiveConfig restarted = live(origin.toString(), Optional.empty())) {
            restarted.start();
            assertEquals(ConfigSnapshot.Source.DISK, restarted.current().source());
            assertEquals(applied, restarted.current().commit());
            assertEquals(Duration.ofMinutes(7), restarted.current().settings().refreshInterval());
            await("a failed fetch reported", Duration.ofSeconds(10), () -> restarted.repo().error() != null);
            assertFalse(restarted.repo().reachable());
            assertTrue(restarted.repo().error().contains("is not a Git repository"), restarted.repo().error());
            assertEquals(applied, restarted.current().commit(), "an unreachable repository changes nothing");
        }
    }

    @Test
    void aNodeThatNeverReachedTheRepositoryMustRunOnTheDefaultsAndSaySo() throws Exception {
        try (LiveConfig live = live(temp.resolve("nothing-here").toString(), Optional.empty())) {
            live.poll();
            assertEquals(ConfigSnapshot.Source.DEFAULTS, live.current().source());
            assertNull(live.current().commit());
            assertEquals(BASE, live.current().settings());
            assertTrue(live.repo().error().contains("is not a Git repository"), live.repo().error());
        }
    }

    @Test
    void aConfigFileThatIsASymlinkMustReadAsMissing() throws Exception {
        Path secret = Files.writeString(temp.resolve("outside.properties"), "kadmesh.connections.max=200\n");
        try (WorkTreeRepo repo = WorkTreeRepo.create(temp.resolve("origin"), "kadmesh.connections.max=9\n");
                LiveConfig live = live(repo.uri(), Optional.of("n1"))) {
            Path link = temp.resolve("origin").resolve("nodes").resolve("n1.properties");
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, secret);
            repo.git().add().addFilepattern("nodes/n1.properties").call();
            String linked = repo.git().commit().setMessage("a link out").setSign(false).call().name();
            live.poll();
            assertEquals(linked, live.current().commit());
            assertEquals(9, live.current().settings().connectionsMax(), "the file outside must not be read");
        }
    }

    @Test
    void aBranchThatDoesNotExistMustBeNamed() throws Exception {
        try (WorkTreeRepo repo = WorkTreeRepo.create(temp.resolve("origin"), "kadmesh.connections.max=9\n");
                LiveConfig live = new LiveConfig(Optional.of(new LiveConfig.Options(RepoLocation.of(repo.uri(), "prod", ""),
                        Optional.empty(), temp.resolve("node"), POLL, Duration.ofSeconds(10))), BASE, Clock.systemUTC())) {
            live.poll();
            assertEquals("branch 'prod' does not exist in " + repo.uri(), live.repo().error());
            assertEquals(ConfigSnapshot.Source.DEFAULTS, live.current().source());
        }
    }

    @Test
    void credentialsMustNeverShowInTheUriOrErrors() throws Exception {
        RepoLocation location = new RepoLocation("http://ops:s3cret@127.0.0.1:9/config.git", "main", "",
                Optional.of("ops"), Optional.of("t0ken"));
        assertEquals("http://127.0.0.1:9/config.git", location.displayUri());
        assertFalse(location.toString().contains("s3cret"));
        try (LiveConfig live = new LiveConfig(Optional.of(new LiveConfig.Options(location, Optional.empty(),
                temp.resolve("node"), POLL, Duration.ofSeconds(5))), BASE, Clock.systemUTC())) {
            live.poll();
            String error = live.repo().error();
            assertTrue(error != null && !error.contains("s3cret") && !error.contains("t0ken"), error);
            assertEquals("http://127.0.0.1:9/config.git", live.repo().uri());
        }
    }

    private LiveConfig live(String uri, Optional<String> nodeName) {
        return new LiveConfig(Optional.of(new LiveConfig.Options(RepoLocation.of(uri, "main", ""), nodeName,
                temp.resolve("node"), POLL, Duration.ofSeconds(10))), BASE, Clock.systemUTC());
    }

}
