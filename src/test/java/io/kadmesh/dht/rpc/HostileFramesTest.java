package io.kadmesh.dht.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeContext;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.dht.node.DhtNode;
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
import io.kadmesh.simulation.InMemoryNetwork;
import io.kadmesh.simulation.SimulatedTime;
import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.testing.LinkRecorder;

/** A peer that sends garbage gets a typed error reply, and the node goes on serving. */
class HostileFramesTest {

    private final SimulatedTime time = new SimulatedTime();
    private final InMemoryNetwork network = new InMemoryNetwork(time, new SplittableRandom(5));
    private final MessageCodec codec = new MessageCodec(MessageCodec.DEFAULT_MAX_FRAME_BYTES, InMemoryNetwork.ADDRESSES);
    private final LinkRecorder replies = new LinkRecorder();
    private final Contact attacker = new Contact(NodeId.random(new SplittableRandom(6)), "mem://attacker");
    private DhtNode node;
    private PeerLink link;

    @BeforeEach
    void connect() {
        Contact self = new Contact(NodeId.random(new SplittableRandom(7)), "mem://node");
        node = new DhtNode(self, KademliaParameters.DEFAULTS, MaintenanceIntervals.DEFAULTS,
                network.transport(self.address()), new NodeContext(time, time, new SplittableRandom(8)),
                InMemoryNetwork.ADDRESSES);
        node.start();
        time.runFor(Duration.ofMillis(1));
        var dial = network.transport(attacker.address()).dial(self.address(), replies)
                .toCompletableFuture();
        assertTrue(time.runUntil(dial::isDone, Duration.ofSeconds(1)));
        link = dial.join();
    }

    private Message exchange(String frame) {
        int before = replies.frames.size();
        link.send(frame);
        time.runFor(Duration.ofMillis(50));
        assertEquals(before + 1, replies.frames.size(), "one reply to " + frame);
        return assertInstanceOf(Decoded.class, codec.decode(replies.frames.get(before))).message();
    }

    private ErrorCode errorFor(String frame) {
        return assertInstanceOf(ErrorReply.class, exchange(frame)).code();
    }

    @Test
    void mustAnswerEachKindOfBadFrameWithItsErrorCode() {
        assertEquals(ErrorCode.MALFORMED, errorFor("not json at all"));
        assertEquals(ErrorCode.TRUNCATED, errorFor("{\"type\":\"ping\",\"requestId\":\"a1\""));
        assertEquals(ErrorCode.OVERSIZED, errorFor("x".repeat(MessageCodec.DEFAULT_MAX_FRAME_BYTES + 1)));
        assertEquals(ErrorCode.INVALID, errorFor("{\"type\":\"find_node\",\"requestId\":\"a2\",\"sender\":"
                + "{\"nodeId\":\"" + attacker.id() + "\",\"address\":\"mem://attacker\"},\"target\":\"xyz\"}"));
    }

    @Test
    void mustEchoTheRequestIdOfAnUnknownType() {
        ErrorReply reply = assertInstanceOf(ErrorReply.class, exchange("{\"type\":\"teleport\",\"requestId\":\"t9\","
                + "\"sender\":{\"nodeId\":\"" + attacker.id() + "\",\"address\":\"mem://attacker\"}}"));

        assertEquals(ErrorCode.UNKNOWN_TYPE, reply.code());
        assertEquals("t9", reply.requestId());
    }

    @Test
    void mustDropBadOrUnsolicitedRepliesSilentlyAndKeepServing() {
        link.send("{\"type\":\"pong\",\"requestId\":\"1\"}");
        link.send(codec.encode(new Pong("1", attacker)));
        time.runFor(Duration.ofMillis(50));
        assertEquals(List.of(), replies.frames, "replies are never answered");

        assertInstanceOf(Pong.class, exchange(codec.encode(new Ping("p1", attacker))));
        assertEquals(2, node.stats().badFrames());
    }

    /** The replies among {@code frames}, leaving out the requests the node sends on its own. */
    private List<Message> answersIn(List<String> frames) {
        return List.copyOf(frames).stream().map(frame -> assertInstanceOf(Decoded.class, codec.decode(frame)).message())
                .filter(message -> !(message instanceof Request)).toList();
    }

    /**
     * A burst of find_node on one link at one instant of simulated time: of the requests read, at most
     * a second's worth (the find-node limit) is answered with nodes and every other one rate_limited.
     * Those beyond the link's inbound queue go unread and are counted; the first of a run of them gets
     * one rate_limited notice naming no request, so a flood costs the node no write per frame.
     */
    @Test
    void mustAnswerEveryRequestReadAndNoticeTheShedOnesOnceARun() {
        int burst = FloodLimits.DEFAULTS.findNodesPerSecond() + 50;
        for (int i = 0; i < burst; i++) {
            link.send(codec.encode(new FindNode("f" + i, attacker, NodeId.random(new SplittableRandom(i)))));
        }
        time.runUntil(() -> toRequests(answersIn(replies.frames)).size() + node.stats().framesShed() >= burst,
                Duration.ofSeconds(1));

        List<Message> answers = answersIn(replies.frames);
        List<Message> toRequests = toRequests(answers);
        long shed = node.stats().framesShed();
        assertTrue(shed > 0, "the burst overflows the link's queue");
        assertEquals(burst, toRequests.size() + shed, "every request read is answered");
        long nodes = toRequests.stream().filter(Nodes.class::isInstance).count();
        assertTrue(nodes <= FloodLimits.DEFAULTS.findNodesPerSecond(), nodes + " answered with nodes");
        assertEquals(toRequests.size() - nodes, toRequests.stream().filter(answer -> answer instanceof ErrorReply error
                && error.code() == ErrorCode.RATE_LIMITED).count(), "the rest answered rate_limited");
        long notices = answers.size() - toRequests.size();
        assertTrue(notices >= 1 && notices < shed, notices + " notices for " + shed + " frames shed");
        time.runFor(Duration.ofSeconds(1));
        assertInstanceOf(Pong.class, exchange(codec.encode(new Ping("p1", attacker))));
    }

    private static List<Message> toRequests(List<Message> answers) {
        return answers.stream().filter(answer -> answer.requestId() != null).toList();
    }

    @Test
    void mustCloseALinkThatFloodsFarBeyondTheRateLimit() {
        int flood = FloodLimits.DEFAULTS.findNodesPerSecond() + FloodLimits.DEFAULTS.requestsPerSecond() + 100;
        for (int i = 0; i < flood; i++) {
            link.send(codec.encode(new FindNode("f" + i, attacker, NodeId.random(new SplittableRandom(i)))));
        }
        time.runUntil(() -> !replies.closeCodes.isEmpty(), Duration.ofSeconds(1));

        assertEquals(List.of(CloseCodes.POLICY_VIOLATION), replies.closeCodes, "a link refused more often than the"
                + " request limit allows in a second is closed: " + replies.closes);
    }
}
