package io.kadmesh.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.kadmesh.dht.NodeId;
import io.kadmesh.it.harness.AgentJar;
import io.kadmesh.it.harness.Await;
import io.kadmesh.it.harness.LookupCheck;
import io.kadmesh.it.harness.MetricsCheck;
import io.kadmesh.it.harness.NetworkView;
import io.kadmesh.it.harness.NodeClient;
import io.kadmesh.it.harness.PackagedApp;
import io.kadmesh.it.harness.ThrowingMetricsAgent;
import io.kadmesh.localnet.LocalNetwork;
import io.kadmesh.localnet.NodeProcess;
import io.kadmesh.localnet.ReadinessProbe;
import net.bytebuddy.ByteBuddy;

/**
 * Issue 11: a network of 1 bootstrap and 9 node processes of the packaged jar on 127.0.0.1 whose
 * real metrics plugin ({@code MicrometerRecorder}) throws on every call keeps working: lookups are
 * exact, a stored value is read from every node, every node stays ready, and each counts the
 * plugin's failures in its {@code metrics} health check, which names the injected exception, while
 * logging them only a few times a minute. The plugin is made to throw by {@link ThrowingMetricsAgent},
 * a Java agent in a jar written at test time and given to every node's JVM through the
 * {@code jvm.options} of an application directory made for the run
 * ({@link PackagedApp#withJvmOptions}); the nodes never switch the plugin off
 * ({@code kadmesh.metrics.max-consecutive-failures} set far above what the run makes), so it is called,
 * and throws, throughout. Every step has a deadline; the timeouts add up to under 3.5 minutes, start-up
 * taking most (a run takes 1 to 1.5 minutes on 2 cores). Files stay in
 * {@code target/it-metrics-failure/<run>/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class MetricsFailureIT {

    private static final int NODES = 9;
    private static final int LOOKUPS = 100;
    /** The plugin's name in the health check: its bean class's simple name. */
    private static final String PLUGIN = "MicrometerRecorder";
    /** How {@code lastFailure} ends when the agent's exception was the last failure. */
    private static final String INJECTED = IllegalStateException.class.getName() + ": "
            + ThrowingMetricsAgent.MESSAGE;
    /** Failed calls in a row before a node switches its plugin off: far more than a run makes. */
    private static final int NEVER_SWITCHED_OFF = 1_000_000;
    /** The node's default {@code kadmesh.metrics.failure-log-interval}. */
    private static final Duration FAILURE_LOG_INTERVAL = Duration.ofMinutes(1);
    /** The start of the line the node logs for a failure of its plugin ({@code FailureLog}). */
    private static final String FAILURE_LINE = "metrics plugin " + PLUGIN + " failed in ";
    private static final long SEED = Long.getLong("kadmesh.it.seed", 20_261_211L);

    private final Random random = new Random(SEED);
    private final ReadinessProbe readiness = new ReadinessProbe();
    private final Map<String, Long> failuresAfterStart = new HashMap<>();
    private LocalNetwork network;
    private NetworkView view;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void startNetworkWithThrowingPlugins() {
        Path runDir = PackagedApp.runDir("it-metrics-failure");
        Path agent = AgentJar.write(runDir.resolve("throwing-metrics-agent.jar"), ThrowingMetricsAgent.class,
                ByteBuddy.class);
        Path app = PackagedApp.withJvmOptions(PackagedApp.dir(), runDir.resolve("app"), List.of("-javaagent:" + agent,
                "-Dkadmesh.metrics.max-consecutive-failures=" + NEVER_SWITCHED_OFF));
        network = LocalNetwork.start(app, runDir, NODES);
        view = new NetworkView(network);
        network.awaitReady(Duration.ofSeconds(110), System.out::println);
        assertEquals(NODES + 1, network.members().size(), "every process should still run once the network is ready");
    }

    @AfterAll
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void stopNetwork() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void everyNodeCountsFailuresOfTheInjectedException() {
        for (NodeProcess node : network.members()) {
            MetricsCheck check = NodeClient.of(node).metricsCheck();
            assertPluginFailsAndStaysOn(node, check);
            failuresAfterStart.put(node.name(), check.failures());
        }
        System.out.println("metrics plugin failures once ready: " + failuresAfterStart);
    }

    @Test
    @Order(2)
    @Timeout(value = 25, unit = TimeUnit.SECONDS)
    void lookupsReturnTheTrueClosest() {
        String wrong = LookupCheck.mismatches(network.members(), view.liveIds(), LOOKUPS, random);
        assertTrue(wrong.isEmpty(), "with a throwing metrics plugin, lookups should return the true "
                + LookupCheck.K + " closest of all " + view.liveIds().size() + " members (seed " + SEED + "): "
                + wrong);
    }

    @Test
    @Order(3)
    @Timeout(value = 15, unit = TimeUnit.SECONDS)
    void aStoredValueIsReadFromEveryOtherNode() {
        String key = NodeId.random(random).toHex();
        JsonNode value = JsonNodeFactory.instance.objectNode().put("scenario", "metrics-failure").put("seed",
                Long.toString(SEED));
        List<NodeProcess> members = network.members();
        NodeProcess writer = members.get(random.nextInt(members.size()));
        NodeClient.of(writer).putValue(key, value);
        for (NodeProcess reader : members) {
            if (reader != writer) {
                Await.until("the value " + key + " stored on " + writer.name() + " should be read from " + reader,
                        Duration.ofSeconds(5), () -> NodeClient.of(reader).getValue(key).equals(Optional.of(value)),
                        () -> String.valueOf(NodeClient.of(reader).getValue(key)));
            }
        }
    }

    @Test
    @Order(4)
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void failuresKeepGrowingWhileEveryNodeStaysReady() {
        Await.until("every node should count more failures of its metrics plugin than once ready ("
                + failuresAfterStart + ")", Duration.ofSeconds(15),
                () -> network.members().stream().allMatch(this::countsMoreFailuresThanOnceReady),
                this::failures);
        for (NodeProcess node : network.members()) {
            assertPluginFailsAndStaysOn(node, NodeClient.of(node).metricsCheck());
            assertTrue(readiness.ready(node.restUrl()), node + " should still answer 200 on /q/health/ready");
        }
    }

    @Test
    @Order(5)
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void failuresAreLoggedAFewTimesAMinuteNotOnEveryCall() {
        for (NodeProcess node : network.members()) {
            long failures = NodeClient.of(node).metricsCheck().failures();
            long lines = failureLines(node);
            long minutes = Duration.ofNanos(System.nanoTime() - node.startedNanos()).dividedBy(FAILURE_LOG_INTERVAL);
            long allowed = minutes + 1;
            System.out.printf("%s: %d failure lines in its log for %d failures in %d s%n", node.name(), lines,
                    failures, Duration.ofNanos(System.nanoTime() - node.startedNanos()).toSeconds());
            assertTrue(lines >= 1, node + " should log that its metrics plugin failed");
            assertTrue(lines <= allowed, node + " should log its plugin's failures at most once per "
                    + FAILURE_LOG_INTERVAL.toSeconds() + " s (" + allowed + " lines), logged " + lines + " for "
                    + failures + " failures");
        }
    }

    private static void assertPluginFailsAndStaysOn(NodeProcess node, MetricsCheck check) {
        String seen = node + ": " + check;
        assertEquals(PLUGIN, check.plugin(), seen);
        assertTrue(check.enabled(), "metrics should stay enabled on " + seen);
        assertFalse(check.switchedOff(), "the plugin should never be switched off on " + seen);
        assertEquals("UP", check.status(), seen);
        assertTrue(check.failures() > 0, "the plugin's failures should be counted on " + seen);
        assertTrue(check.lastFailure() != null && check.lastFailure().endsWith(INJECTED),
                "the last failure should be the agent's exception (" + INJECTED + ") on " + seen);
    }

    /** Whether {@code node} counts more failures now than step 1 read (none read counts as 0). */
    private boolean countsMoreFailuresThanOnceReady(NodeProcess node) {
        return NodeClient.of(node).metricsCheck().failures() > failuresAfterStart.getOrDefault(node.name(), 0L);
    }

    private String failures() {
        return network.members().stream().map(node -> node.name() + "=" + NodeClient.of(node).metricsCheck().failures())
                .collect(Collectors.joining(", "));
    }

    private static long failureLines(NodeProcess node) {
        try (Stream<String> lines = Files.lines(node.spec().logFile(), StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(FAILURE_LINE)).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of " + node, e);
        }
    }
}
