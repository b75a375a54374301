package io.kadmesh.node;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.Scheduler;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.plugin.websocket.WebSocketTransport;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.testing.RecordFrames;
import io.kadmesh.transport.handshake.HandshakeTransport;

/**
 * A raw peer with a real key of its own, linked to a node over a real WebSocket after the real hello
 * handshake, that sends frames written by hand and reads the node's replies as JSON.
 */
final class AuthenticatedPeer implements LinkHandler {

    private static final Set<String> REQUESTS = Set.of("ping", "find_node", "find_value", "store");

    final NodeIdentity identity = NodeIdentity.generate();
    final Contact self;
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final PeerLink link;

    /** A peer that says it is a node at an address nobody answers at. */
    AuthenticatedPeer(WebSocketTransport websocket, Scheduler scheduler, int port) throws Exception {
        this(websocket, scheduler, port, false);
    }

    /** A peer that says it is a browser at its {@code browser:} address, or a node as above. */
    AuthenticatedPeer(WebSocketTransport websocket, Scheduler scheduler, int port, boolean browser) throws Exception {
        self = browser ? Contact.browser(identity.id()) : new Contact(identity.id(), "ws://127.0.0.1:1/dht");
        HandshakeTransport transport = new HandshakeTransport(websocket, identity, self.address(), scheduler,
                Duration.ofSeconds(5), new SecureRandom());
        link = transport.dial("ws://127.0.0.1:" + port + "/dht", this).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * The node's reply to {@code frame}. Requests the node sends on its own meanwhile (its link upkeep
     * pings and looks up over every link) are not replies, and are skipped.
     */
    JsonNode exchange(String frame) throws InterruptedException {
        link.send(frame);
        return next();
    }

    /** The next frame the node sends that is not a request of its own, within 5 s. */
    JsonNode next() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            String reply = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertNotNull(reply, "no frame from the node within 5 s");
            JsonNode message = RecordFrames.read(reply);
            if (!REQUESTS.contains(message.path("type").asText())) {
                return message;
            }
        }
    }

    /** The reply's type, or {@code error:<code>}. */
    String outcomeOf(String frame) throws InterruptedException {
        return RecordFrames.outcome(exchange(frame));
    }

    void close() {
        link.close(1000, "done");
    }

    /** A frame of {@code type} from this peer, with {@code fields} (JSON members, each with its comma in front). */
    String frame(String type, String requestId, String fields) {
        return "{\"type\":\"" + type + "\",\"requestId\":\"" + requestId + "\",\"sender\":{\"nodeId\":\"" + self.id()
                + "\",\"address\":\"" + self.address() + "\"}" + fields + "}";
    }

    @Override
    public void onOpen(PeerLink opened) {
    }

    /** Answers the node's pings and node lookups as a quiet honest peer would; keeps everything else. */
    @Override
    public void onFrame(PeerLink from, String frame) {
        JsonNode message = RecordFrames.read(frame);
        String type = message.path("type").asText();
        if (type.equals("ping") || type.equals("find_node")) {
            ObjectNode reply = JsonNodeFactory.instance.objectNode();
            reply.put("type", type.equals("ping") ? "pong" : "nodes").put("requestId", message.path("requestId").asText());
            reply.putObject("sender").put("nodeId", self.id().toHex()).put("address", self.address());
            if (type.equals("find_node")) {
                reply.putArray("nodes");
            }
            from.send(reply.toString());
        }
        frames.add(frame);
    }

    @Override
    public void onClose(PeerLink closed, int code, String reason) {
        closeCode.complete(code);
    }
}
