package io.kadmesh.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.it.harness.Await;
import io.kadmesh.it.harness.JarProcess;
import io.kadmesh.it.harness.ListeningSockets;
import io.kadmesh.it.harness.PackagedApp;

/**
 * The README's first command, {@code kadmesh local-network}, run from the packaged jar: it starts a
 * bootstrap and nodes, prints the guide once they are ready, listens on no port itself while each
 * node listens on its own, and takes every node down with it when told to stop (SIGTERM, as
 * Ctrl-C's SIGINT does: both run its shutdown hook).
 */
class LocalNetworkIT {

    /** The fewest {@code local-network} takes: each node needs 3 peers to be ready. */
    private static final int NODES = 3;
    private static final Pattern MEMBER = Pattern
            .compile("(?m)^\\s+(bootstrap|node-\\d+)\\s+pid (\\d+)\\s+REST http://127\\.0\\.0\\.1:(\\d+)");
    private static final String GUIDE_END = "Ctrl-C stops every node.";

    private JarProcess launcher;
    private List<Long> nodePids = List.of();

    /** Nodes outlive a launcher killed with SIGKILL, and leave its descendants once it has exited. */
    @AfterEach
    void killLauncherAndNodes() {
        if (launcher != null) {
            launcher.kill();
        }
        nodePids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void startsReadyNodesListensOnNothingAndStopsThemAll() {
        Path runDir = PackagedApp.runDir("it-local-network");
        launcher = JarProcess.start(PackagedApp.dir(), runDir, List.of(),
                List.of("local-network", "--nodes", Integer.toString(NODES), "--work-dir", runDir.resolve("nodes").toString()));

        Await.until("local-network should print its guide", Duration.ofMinutes(3),
                () -> launcher.stdoutSoFar().contains(GUIDE_END) || !launcher.process().isAlive(),
                launcher::stdoutSoFar);
        String guide = launcher.stdoutSoFar();
        assertTrue(launcher.process().isAlive() && guide.contains("ready. Nodes:"), guide);

        List<MatchResult> members = MEMBER.matcher(guide).results().toList();
        nodePids = members.stream().map(member -> Long.parseLong(member.group(2))).toList();
        assertEquals(NODES + 1, members.size(), "the guide should name the bootstrap and " + NODES + " nodes:\n" + guide);
        for (MatchResult member : members) {
            long pid = Long.parseLong(member.group(2));
            int port = Integer.parseInt(member.group(3));
            assertTrue(ListeningSockets.of(pid).contains(port),
                    member.group(1) + " should listen on " + port + ": " + ListeningSockets.of(pid));
        }
        assertEquals(Set.of(), ListeningSockets.of(launcher.process().pid()),
                "local-network itself should listen on no port");

        launcher.process().destroy();
        assertTrue(launcher.awaitExit(Duration.ofSeconds(30)), "local-network should exit on SIGTERM");
        for (long pid : nodePids) {
            Await.until("node process " + pid + " should be gone with local-network", Duration.ofSeconds(20),
                    () -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true),
                    () -> ProcessHandle.of(pid).map(ProcessHandle::info).map(Object::toString).orElse("gone"));
        }
    }
}
