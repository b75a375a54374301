package io.kadmesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.kadmesh.metrics.GuardedMetrics;
import io.kadmesh.spi.metrics.Direction;
import io.kadmesh.spi.metrics.MessageType;
import io.kadmesh.spi.metrics.MetricsRecorder;
import io.kadmesh.spi.transport.Phase;

/**
 * What the node hears becomes the plugin's calls, with the SPI's bounded values: frames by wire type,
 * failed dials and sends by transport and phase, lookups by hops; and the traffic totals move whether
 * metrics are on or off.
 */
class NodeMetricsTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final MetricsRecorder plugin = new MetricsRecorder() {
        @Override
        public void frame(String transport, Direction direction, MessageType type, long bytes) {
            calls.add("frame " + transport + " " + direction.label() + " " + type.label() + " " + bytes);
        }

        @Override
        public void transportError(String manager, Phase phase) {
            calls.add("error " + manager + " " + phase);
        }

        @Override
        public void lookup(int hops) {
            calls.add("lookup " + hops);
        }
    };
    private final GuardedMetrics guarded = new GuardedMetrics(plugin, "test", List.of("websocket"), 20,
            Duration.ofMinutes(1), System::nanoTime);
    private final NodeMetrics metrics = new NodeMetrics(guarded,
            java.time.Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC));

    @Test
    void mustTellThePluginWhatTheNodeHeard() {
        guarded.apply(true, null, "default");

        metrics.received("websocket", "find_node", 120);
        metrics.sent("websocket", "nodes", 900);
        metrics.received("websocket", null, 7);
        metrics.received("websocket", "gossip", 30);
        metrics.failed("websocket", Phase.UPGRADE);
        metrics.sendFailed("websocket");
        metrics.lookupEnded(3);

        assertEquals(List.of("frame websocket in find_node 120", "frame websocket out nodes 900",
                "frame websocket in invalid 7", "frame websocket in other 30", "error websocket UPGRADE",
                "error websocket SEND", "lookup 3"), calls);
    }

    @Test
    void mustCountTheTrafficWithMetricsOffAndCallNothing() {
        guarded.apply(false, null, "default");

        metrics.received("websocket", "ping", 100);
        metrics.sent("websocket", "pong", 101);
        metrics.failed("websocket", Phase.CONNECT);
        metrics.lookupEnded(2);

        Transfer transfer = metrics.transfer().read(1_000);
        assertEquals(List.of(), calls);
        assertEquals(100, transfer.bytesIn());
        assertEquals(101, transfer.bytesOut());
        assertEquals(1, transfer.messagesIn());
        assertEquals(1, transfer.messagesOut());
    }
}
