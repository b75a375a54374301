package io.kadmesh.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kadmesh.testing.StubNode;

/** {@link NodeClient} against a stub server: paths, bodies, parsing, statuses. */
class NodeClientTest {

    private static final String ID = "00112233445566778899aabbccddeeff00112233";

    private StubNode stub;
    private NodeClient client;

    @BeforeEach
    void start() throws IOException {
        stub = new StubNode();
        client = new NodeClient(stub.url(), NodeClient.newHttpClient());
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void shouldReadTheNodeIgnoringUnknownFields() {
        stub.answer(200, "{\"nodeId\":\"" + ID + "\",\"role\":\"node\",\"ready\":true,\"routingTableSize\":7,"
                + "\"connections\":[{\"peer\":\"" + ID + "\",\"transport\":\"websocket\",\"direction\":\"outbound\","
                + "\"bytesIn\":10,\"bytesOut\":20}],\"config\":{\"commit\":\"abc\",\"profile\":\"prod\"},\"routingTable\":[\""
                + ID + "\"],"
                + "\"extra\":1}");

        NodeStatus node = client.node();

        assertEquals(new NodeStatus(ID, "node", true, 7,
                List.of(new NodeStatus.Connection(ID, "websocket", "outbound", 10, 20)),
                new NodeStatus.Config("abc", "prod"), List.of(ID), List.of()), node);
        assertEquals("/api/node", stub.lastRequest().rawPath());
    }

    @Test
    void shouldPostTheTargetAndReadTheClosestInOrder() {
        stub.answer(200, "{\"closest\":[{\"nodeId\":\"" + ID + "\",\"url\":\"ws://127.0.0.1:1/dht\"}],"
                + "\"hops\":2,\"durationMs\":5.25}");

        FindNodeReply reply = client.findNode(ID);

        assertEquals(List.of(ID), reply.closestIds());
        assertEquals(2, reply.hops());
        assertEquals(5.25, reply.durationMs(), "the node sends fractional milliseconds");
        assertEquals(new StubNode.Request("POST", "/api/dht/find-node", "{\"target\":\"" + ID + "\"}"),
                stub.lastRequest());
        assertThrows(IllegalArgumentException.class, () -> client.findNode("not-hex"));
    }

    @Test
    void shouldPutAndGetValuesUnderAnEncodedKey() {
        ObjectNode value = JsonNodeFactory.instance.objectNode().put("hello", "kadmesh");
        stub.answer(204, "");

        client.putValue("a b/c", value);

        assertEquals(new StubNode.Request("PUT", "/api/dht/values/a%20b%2Fc", "{\"value\":{\"hello\":\"kadmesh\"}}"),
                stub.lastRequest());
        stub.answer(200, "{\"key\":\"a b/c\",\"value\":{\"hello\":\"kadmesh\"}}");
        assertEquals(Optional.of(value), client.getValue("a b/c"));
        stub.answer(404, "");
        assertEquals(Optional.empty(), client.getValue("a b/c"));
    }

    @Test
    void shouldReadNetworkHealth() {
        stub.answer(200, "{\"healthy\":true,\"total\":1,\"nodes\":[{\"nodeId\":\"" + ID + "\",\"url\":\"ws://x/dht\","
                + "\"ready\":true,\"connections\":3,\"lastSeen\":\"2026-01-01T00:00:00Z\"}]}");

        NetworkHealth health = client.networkHealth();

        assertTrue(health.healthy());
        assertEquals(3, health.nodes().get(0).connections());
    }

    @Test
    void shouldReadTheMetricsCheckFromWellnessUpOrDown() {
        stub.answer(200, "{\"status\":\"UP\",\"checks\":[{\"name\":\"other\",\"status\":\"UP\"},"
                + "{\"name\":\"metrics\",\"status\":\"UP\",\"data\":{\"plugin\":\"MicrometerRecorder\","
                + "\"enabled\":true,\"switchedOff\":false,\"failures\":12,"
                + "\"lastFailure\":\"frame: java.lang.IllegalStateException: boom\"}}]}");

        assertEquals(new MetricsCheck("UP", "MicrometerRecorder", true, false, 12,
                "frame: java.lang.IllegalStateException: boom"), client.metricsCheck());
        assertEquals("/q/health/well", stub.lastRequest().rawPath());

        stub.answer(503, "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"metrics\",\"status\":\"DOWN\","
                + "\"data\":{\"plugin\":\"none\",\"enabled\":true,\"switchedOff\":true,\"failures\":20}}]}");
        assertEquals(new MetricsCheck("DOWN", "none", true, true, 20, null), client.metricsCheck());

        stub.answer(200, "{\"status\":\"UP\",\"checks\":[]}");
        assertThrows(NodeApiException.class, client::metricsCheck);
    }

    @Test
    void shouldReportUnexpectedStatusesWithTheRequest() {
        stub.answer(500, "boom");

        NodeApiException failure = assertThrows(NodeApiException.class, client::node);

        assertEquals(500, failure.status());
        assertTrue(failure.getMessage().contains("GET " + stub.url() + "/api/node"), failure.getMessage());
        assertTrue(failure.getMessage().contains("boom"), failure.getMessage());
    }
}
