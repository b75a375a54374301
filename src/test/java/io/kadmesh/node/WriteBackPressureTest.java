package io.kadmesh.node;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.protocol.FindValue;
import io.kadmesh.dht.protocol.Store;
import io.kadmesh.dht.protocol.Stored;
import io.kadmesh.dht.storage.SignedRecord;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.localnet.Deadline;
import io.kadmesh.testing.JdkWebSocketTransport;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A peer that completes the handshake, stores a large value, stops reading its socket and then asks
 * for that value again and again: every reply waits in the node's write queue. The node must close
 * that link once its pending writes pass the limit, and keep answering an honest peer. The peer asks
 * in paced batches, within the rate limits, until the link closes: one burst may be mostly shed by the
 * node's inbound queue, and the few replies left then fit in the loopback socket buffers (a full run
 * failed that way once).
 */
@QuarkusTest
@TestProfile(SlowReaderProfile.class)
@Timeout(60)
class WriteBackPressureTest {

    /** About 60 KB of reply per find_value: a batch of 40 is 2.4 MB, 400 a second 24 MB a second. */
    private static final int VALUE_CHARS = 60_000;
    private static final int BATCH = 40;
    private static final Duration BETWEEN_BATCHES = Duration.ofMillis(100);
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(20);

    @Inject
    NodeLifecycle node;

    @TestHTTPResource("/dht")
    java.net.URL dht;

    private final EventLoopScheduler scheduler = new EventLoopScheduler("back-pressure-test");

    @BeforeEach
    void start() {
        node.start();
    }

    @AfterEach
    void close() {
        scheduler.close();
    }

    @Test
    void linkOfAPeerThatDoesNotReadIsClosedAndOthersAreServed() throws Exception {
        String url = WirePeer.dialUrl(dht);
        JdkWebSocketTransport slowWire = new JdkWebSocketTransport();
        WirePeer slow = new WirePeer(url, scheduler, NodeIdentity.generate(), slowWire);
        WirePeer honest = new WirePeer(url, scheduler);
        NodeId key = NodeId.random(new SecureRandom());
        SignedRecord record = SignedRecord.sign(key, "v".repeat(VALUE_CHARS), 1, Instant.now().plus(Duration.ofMinutes(5)),
                slow.identity.recordSigner());
        Object stored = slow.exchange(WirePeer.CODEC.encode(new Store(slow.nextId(), slow.self, record)));
        assertInstanceOf(Stored.class, stored, "store answered " + stored);
        await("both links open", () -> node.running().linkCount() == 2);

        slowWire.stopReading();
        slow.deaf = true;
        Deadline asking = Deadline.after(DEADLINE);
        while (slow.link.isOpen() && node.running().linkCount() == 2 && !asking.expired()) {
            for (int i = 0; i < BATCH && slow.link.isOpen(); i++) {
                slow.link.send(WirePeer.CODEC.encode(new FindValue(slow.nextId(), slow.self, key)));
            }
            asking.pause(BETWEEN_BATCHES);
        }

        await("the node closes the link of the peer that does not read", () -> node.running().linkCount() == 1);
        honest.mustBeAnswered();
    }

    private static void await(String what, BooleanSupplier condition) {
        assertTrue(Deadline.after(DEADLINE).await(condition, POLL), "not within " + DEADLINE + ": " + what);
    }
}
