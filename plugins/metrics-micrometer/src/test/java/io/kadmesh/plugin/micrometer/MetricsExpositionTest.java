package io.kadmesh.plugin.micrometer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.URL;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.protocol.FindNode;
import io.kadmesh.dht.protocol.Nodes;
import io.kadmesh.dht.protocol.Ping;
import io.kadmesh.dht.protocol.Pong;
import io.kadmesh.node.EventLoopScheduler;
import io.kadmesh.node.NodeLifecycle;
import io.kadmesh.plugin.micrometer.PrometheusParser.Sample;
import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.testing.FrameQueue;
import io.kadmesh.testing.JdkWebSocketTransport;
import io.kadmesh.testing.TalliedPeer;
import io.kadmesh.transport.Eventually;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * After real traffic (a peer over a real WebSocket, a lookup of the node's own, a stranger whose
 * first frame is no hello), {@code /q/metrics}
 * parses with the Prometheus project's own parser, holds every series the node has by then, and no
 * {@code kadmesh_} series carries a label outside its bounded set ({@link BoundedLabels}).
 */
@QuarkusTest
@Timeout(60)
class MetricsExpositionTest {

    /**
     * The series every running node shows once it exchanged frames, ended a request and a lookup of its
     * own, and refused a link that broke the handshake ({@code kadmesh_transport_errors_total} appears
     * with the first such failure).
     */
    private static final Set<String> EXPECTED = Set.of("kadmesh_transfer_bytes_total", "kadmesh_messages_total",
            "kadmesh_transport_errors_total",
            "kadmesh_rpc_seconds_bucket", "kadmesh_rpc_seconds_count", "kadmesh_rpc_seconds_sum",
            "kadmesh_lookup_hops_bucket", "kadmesh_lookup_hops_count", "kadmesh_lookup_hops_sum",
            "kadmesh_connections", "kadmesh_routing_table_contacts", "kadmesh_node_ready", "kadmesh_config_info",
            "kadmesh_metrics_failures_total", "kadmesh_metrics_enabled");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    NodeLifecycle node;

    @Inject
    @Any
    Instance<Transport> transports;

    @TestHTTPResource("/dht")
    URL dht;

    private final EventLoopScheduler scheduler = new EventLoopScheduler("metrics-exposition-test");
    private TalliedPeer peer;

    @BeforeEach
    void start() {
        node.start();
    }

    @AfterEach
    void close() {
        if (peer != null) {
            peer.close();
        }
        scheduler.close();
    }

    @Test
    void everyKadmeshSeriesParsesAndCarriesOnlyBoundedLabels() throws Exception {
        peer = new TalliedPeer(TalliedPeer.dialUrl(dht), scheduler);
        assertInstanceOf(Pong.class, peer.exchange(TalliedPeer.CODEC.encode(new Ping(peer.nextId(), peer.self))));
        NodeId target = NodeId.random(new SecureRandom());
        assertInstanceOf(Nodes.class,
                peer.exchange(TalliedPeer.CODEC.encode(new FindNode(peer.nextId(), peer.self, target))));
        given().contentType(ContentType.JSON).body(Map.of("target", target.toHex())).when().post("/api/dht/find-node")
                .then().statusCode(200);

        JdkWebSocketTransport raw = new JdkWebSocketTransport();
        try {
            FrameQueue stranger = new FrameQueue();
            PeerLink link = raw.dial(TalliedPeer.dialUrl(dht), stranger).toCompletableFuture().get(10, TimeUnit.SECONDS);
            link.send("not a hello");
            assertEquals(CloseCodes.POLICY_VIOLATION, stranger.closeCode.get(10, TimeUnit.SECONDS));
        } finally {
            raw.close();
        }

        AtomicReference<List<Sample>> scraped = new AtomicReference<>();
        Eventually.await("the node's find_node to the peer to end ok in kadmesh_rpc_seconds, its lookup in"
                + " kadmesh_lookup_hops, and the refused stranger in kadmesh_transport_errors_total", WAIT, () -> {
                    scraped.set(PrometheusParser.parse(scrape()));
                    return scraped.get().stream()
                            .anyMatch(sample -> sample.name().equals("kadmesh_rpc_seconds_count")
                                    && sample.has(Map.of("type", "find_node", "outcome", "ok")) && sample.value() >= 1)
                            && scraped.get().stream().anyMatch(sample -> sample.name().equals("kadmesh_lookup_hops_count")
                                    && sample.value() >= 1)
                            && scraped.get().stream()
                                    .anyMatch(sample -> sample.name().equals("kadmesh_transport_errors_total")
                                            && sample.has(Map.of("manager", "websocket", "phase", "handshake"))
                                            && sample.value() >= 1);
                });
        List<Sample> samples = scraped.get();

        assertEquals(Set.of(), missing(samples), "series missing from /q/metrics");
        JsonPath config = given().when().get("/api/config").then().statusCode(200).extract().jsonPath();
        String commit = config.getString("commit");
        BoundedLabels bounds = BoundedLabels.of(transportIds(), commit == null ? "none" : commit,
                config.getString("profile"));
        assertEquals(List.of(), bounds.violations(samples), "kadmesh series with labels out of bounds");
    }

    private static Set<String> missing(List<Sample> samples) {
        Set<String> missing = new TreeSet<>(EXPECTED);
        samples.forEach(sample -> missing.remove(sample.name()));
        return missing;
    }

    private Set<String> transportIds() {
        return transports.stream().map(Transport::id).collect(Collectors.toSet());
    }

    private static String scrape() {
        return given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
