package io.kadmesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.config.live.ConfigSnapshot;
import io.kadmesh.config.live.LiveConfiguration;
import io.kadmesh.dht.Contact;
import io.kadmesh.diagnostics.Bounds;
import io.kadmesh.diagnostics.Diagnosis;
import io.kadmesh.diagnostics.DiagnosisReport;
import io.kadmesh.diagnostics.Endpoint;
import io.kadmesh.diagnostics.PathReport;
import io.kadmesh.diagnostics.Step;
import io.kadmesh.diagnostics.StepResult;
import io.kadmesh.metrics.GuardedMetrics;
import io.kadmesh.spi.transport.UpgradeAnswer;
import io.kadmesh.transport.Eventually;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The diagnosis against a running node over real sockets: its peer endpoint passes every step, the
 * data flows intact through its relay, the node's counters match the bytes exactly, and the diagnosis
 * (two throwaway peers at browser addresses) leaves no trace in its routing table; a proxy that strips
 * the Upgrade header is named as such; a bootstrap's challenge is checked against the id its URL pins.
 */
@QuarkusTest
@Timeout(60)
class NodeDiagnosisTest {

    private static final Bounds BOUNDS = new Bounds(Duration.ofSeconds(5), Duration.ofSeconds(10));

    @Inject
    NodeLifecycle node;

    @Inject
    GuardedMetrics metrics;

    @Inject
    LiveConfiguration live;

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void startNode() {
        node.start();
    }

    private PathReport diagnose(Endpoint.Role role, String url) {
        return new Diagnosis(List.of(Endpoint.parse(role, url)), BOUNDS).run().paths().get(0);
    }

    @Test
    void aHealthyNodePassesEveryStepAndForgetsTheDiagnosis() {
        Set<Contact> nodesBefore = nodes(knownContacts());
        PathReport path = diagnose(Endpoint.Role.NODE, "http://127.0.0.1:" + root.getPort());

        assertTrue(path.ok(), path.toString());
        String nodeId = node.running().dht().contact().id().toHex();
        assertEquals("node " + nodeId, path.steps().get(Step.HELLO.ordinal()).detail());
        assertEquals(StepResult.Outcome.PASSED, path.steps().get(Step.REQUEST.ordinal()).outcome());
        assertEquals(StepResult.Outcome.SKIPPED, path.steps().get(Step.TLS.ordinal()).outcome());
        String flow = path.steps().get(Step.FLOW.ordinal()).detail();
        assertTrue(flow.contains("8 relayed messages of 1 to 200,000 characters intact and in order"), flow);
        assertTrue(flow.contains("the node's counters for the link moved by exactly"), flow);
        assertTrue(flow.contains("metrics on: the plugin counted"), flow);
        // Contacts earlier tests left may still leave the table on their own; the diagnosis must add none.
        Eventually.await("no browser left in the routing table, and no node it did not hold before",
                Duration.ofSeconds(5), () -> {
                    List<Contact> now = knownContacts();
                    return now.stream().noneMatch(Contact::isBrowser) && nodesBefore.containsAll(nodes(now));
                });
    }

    @Test
    void withMetricsOffTheFlowLeavesThePluginsCountersWhereTheyWere() {
        ConfigSnapshot now = live.current();
        metrics.apply(false, now.commit(), now.settings().profile());
        try {
            PathReport path = diagnose(Endpoint.Role.NODE, "http://127.0.0.1:" + root.getPort());

            String flow = path.steps().get(Step.FLOW.ordinal()).detail();
            assertTrue(path.ok(), path.toString());
            assertTrue(flow.contains("metrics off: the plugin's counters did not move"), flow);
        } finally {
            metrics.apply(true, now.commit(), now.settings().profile());
        }
    }

    @Test
    void aProxyThatStripsTheUpgradeHeaderIsNamed() throws Exception {
        try (UpgradeStrippingProxy proxy = new UpgradeStrippingProxy(root.getPort())) {
            PathReport path = diagnose(Endpoint.Role.NODE, "ws://127.0.0.1:" + proxy.port() + "/dht");

            assertEquals(Step.UPGRADE, path.finding().step(), path.toString());
            assertTrue(path.finding().cause().contains("HTTP 426"), path.finding().cause());
            assertTrue(path.finding().cause().contains(UpgradeAnswer.PROXY_STRIPS_UPGRADE), path.finding().cause());
            assertTrue(path.finding().next().contains("pass the Upgrade and Connection headers"), path.finding().next());
        }
    }

    @Test
    void aBootstrapPassesItsChallengeAndItsPeerEndpointIsCheckedBeside() {
        String id = node.running().dht().contact().id().toHex();
        DiagnosisReport report = new Diagnosis(
                List.of(Endpoint.parse(Endpoint.Role.BOOTSTRAP, "ws://127.0.0.1:" + root.getPort() + "/bootstrap#" + id)),
                BOUNDS).run();

        assertTrue(report.healthy(), report.toString());
        assertEquals(2, report.paths().size());
        assertEquals("challenge from bootstrap " + id, report.paths().get(0).steps().get(Step.HELLO.ordinal()).detail());
        assertEquals(Endpoint.Role.NODE, report.paths().get(1).endpoint().role());
    }

    @Test
    void aBootstrapThatProvesAnotherIdThanThePinnedOneIsNamed() {
        PathReport path = diagnose(Endpoint.Role.BOOTSTRAP,
                "ws://127.0.0.1:" + root.getPort() + "/bootstrap#" + "0".repeat(40));

        assertEquals(Step.HELLO, path.finding().step(), path.toString());
        assertTrue(path.finding().cause().contains("not the id " + "0".repeat(40) + " the URL pins"),
                path.finding().cause());
    }

    private static Set<Contact> nodes(List<Contact> contacts) {
        return contacts.stream().filter(contact -> !contact.isBrowser()).collect(java.util.stream.Collectors.toSet());
    }

    private List<Contact> knownContacts() {
        return node.running().dht().knownContacts().orTimeout(5, TimeUnit.SECONDS).join();
    }
}
