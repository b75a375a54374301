package io.kadmesh.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URL;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.Scheduler;
import io.kadmesh.dht.protocol.DecodeResult;
import io.kadmesh.dht.protocol.Decoded;
import io.kadmesh.dht.protocol.ErrorCode;
import io.kadmesh.dht.protocol.ErrorReply;
import io.kadmesh.dht.protocol.FindNode;
import io.kadmesh.dht.protocol.Message;
import io.kadmesh.dht.protocol.MessageCodec;
import io.kadmesh.dht.protocol.Nodes;
import io.kadmesh.dht.protocol.Ping;
import io.kadmesh.dht.protocol.Pong;
import io.kadmesh.dht.protocol.Request;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.spi.metrics.Direction;
import io.kadmesh.spi.metrics.MessageType;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.transport.handshake.HandshakeTransport;

/**
 * A peer of the node under test with a key of its own, linked over a real WebSocket (the JDK's client)
 * after the real hello handshake, that tallies every frame on the link after the handshake both ways
 * ({@link LinkTally}). It answers the node's pings and lookups as an honest node with an empty table
 * would, counts them, and keeps every reply for the test to read.
 */
public final class TalliedPeer implements LinkHandler, AutoCloseable {

    /** The codec the peer writes and reads frames with. */
    public static final MessageCodec CODEC = new MessageCodec();
    private static final Duration REPLY_WAIT = Duration.ofSeconds(5);

    /** The peer's key. */
    public final NodeIdentity identity = NodeIdentity.generate();
    /** The peer as a contact; its address takes no dials. */
    public final Contact self;
    /** Every frame on the link after the handshake, both ways. */
    public final LinkTally tally = new LinkTally();
    /** The link to the node. */
    public final PeerLink link;
    private final JdkWebSocketTransport wire = new JdkWebSocketTransport();
    private final LinkedBlockingQueue<Message> replies = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<String> undecoded = new LinkedBlockingQueue<>();
    private final Map<MessageType, AtomicInteger> requestsFromNode = new ConcurrentHashMap<>();
    private long lastId;

    /** Dials the node at {@code nodeUrl} and completes the handshake. */
    public TalliedPeer(String nodeUrl, Scheduler scheduler) throws Exception {
        this(nodeUrl, scheduler, false);
    }

    /** As a peer that says it is a browser: its hello's address is {@code browser:} and its id. */
    public static TalliedPeer browser(String nodeUrl, Scheduler scheduler) throws Exception {
        return new TalliedPeer(nodeUrl, scheduler, true);
    }

    private TalliedPeer(String nodeUrl, Scheduler scheduler, boolean browser) throws Exception {
        self = browser ? Contact.browser(identity.id()) : new Contact(identity.id(), "ws://127.0.0.1:1/dht");
        HandshakeTransport transport = new HandshakeTransport(wire, identity, self.address(), scheduler,
                Duration.ofSeconds(5), new SecureRandom());
        link = transport.dial(nodeUrl, this).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The address of the test app's {@code /dht} endpoint: ws, on the loopback address. */
    public static String dialUrl(URL dht) {
        return dht.toString().replace("http://", "ws://").replace("localhost", "127.0.0.1");
    }

    /** A request id not used before on this peer. */
    public synchronized String nextId() {
        return Long.toString(++lastId, 36);
    }

    /** Sends {@code frame} and counts it. */
    public void send(String frame) {
        tally.count(Direction.IN, frame);
        link.send(frame);
    }

    /** Sends {@code frame} and waits for the node's next reply (not a request of its own). */
    public Message exchange(String frame) throws InterruptedException {
        send(frame);
        Message reply = replies.poll(REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(reply, "no reply within " + REPLY_WAIT + " to " + frame);
        return reply;
    }

    /** The node's next frame that is no DHT message, such as a {@code signal_error}. */
    public String nextUndecoded() throws InterruptedException {
        String frame = undecoded.poll(REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(frame, "no frame within " + REPLY_WAIT);
        return frame;
    }

    /** How many requests of {@code type} the node sent this peer on its own. */
    public int requestsFromNode(MessageType type) {
        AtomicInteger count = requestsFromNode.get(type);
        return count == null ? 0 : count.get();
    }

    /** The requests the node sent this peer on its own, by type. */
    public Map<MessageType, Integer> requestsFromNode() {
        Map<MessageType, Integer> requests = new TreeMap<>();
        requestsFromNode.forEach((type, count) -> requests.put(type, count.get()));
        return requests;
    }

    @Override
    public void onOpen(PeerLink opened) {
    }

    @Override
    public void onFrame(PeerLink from, String frame) {
        tally.count(Direction.OUT, frame);
        DecodeResult decoded = CODEC.decode(frame);
        Message message = decoded instanceof Decoded ok ? ok.message() : null;
        if (message instanceof Request request) {
            requestsFromNode.computeIfAbsent(MessageType.ofWire(request.type()), type -> new AtomicInteger())
                    .incrementAndGet();
            send(CODEC.encode(answer(request)));
        } else if (message != null) {
            replies.add(message);
        } else {
            undecoded.add(frame);
        }
    }

    private Message answer(Request request) {
        if (request instanceof Ping) {
            return new Pong(request.requestId(), self);
        }
        if (request instanceof FindNode) {
            return new Nodes(request.requestId(), self, List.of());
        }
        return new ErrorReply(request.requestId(), self, ErrorCode.REFUSED, "test peer");
    }

    @Override
    public void onClose(PeerLink closed, int code, String reason) {
    }

    /** Closes the link in order. */
    @Override
    public void close() {
        link.close(1000, "test done");
        wire.close();
    }
}
