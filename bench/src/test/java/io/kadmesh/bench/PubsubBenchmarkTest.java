package io.kadmesh.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.Flow;

import org.junit.jupiter.api.Test;

/**
 * What the pubsub benchmark reads: a node's counters from its Prometheus text, and a channel's
 * server-sent events as a node writes them.
 */
class PubsubBenchmarkTest {

    @Test
    void shouldSumSentFramesByTypeAndRequestsByType() {
        String text = """
                # TYPE kadmesh_messages_total counter
                kadmesh_messages_total{direction="out",transport="websocket",type="other"} 12.0
                kadmesh_messages_total{direction="in",transport="websocket",type="other"} 40.0
                kadmesh_messages_total{direction="out",transport="webrtc",type="other"} 3.0
                kadmesh_messages_total{direction="out",transport="websocket",type="ping"} 2.0
                kadmesh_rpc_seconds_count{outcome="ok",type="other"} 7.0
                kadmesh_rpc_seconds_count{outcome="timeout",type="other"} 1.0
                kadmesh_rpc_seconds_sum{outcome="ok",type="other"} 0.5
                kadmesh_transfer_bytes_total{direction="out",transport="websocket"} 999.0
                """;

        Map<String, Double> counters = PubsubBenchmark.counters(text);

        assertEquals(15.0, counters.get("messages/other"), "sent frames of both transports, not received ones");
        assertEquals(2.0, counters.get("messages/ping"), counters.toString());
        assertEquals(17.0, counters.get("messages/*"), "every frame sent");
        assertEquals(8.0, counters.get("requests/other"), "requests of every outcome, not the sum of seconds");
        assertEquals(4, counters.size(), counters.toString());
    }

    @Test
    void shouldNoteEachMessageOnceWithItsArrival() {
        ChannelFollower follower = new ChannelFollower(null, 3);
        follower.onSubscribe(new NoSubscription());

        lines(follower, "content-type:application/json", "event:subscribed", "data:{\"roots\":3}", "");
        lines(follower, "content-type:application/json", "id:aa", "data: {\"id\":\"aa\",\"data\":\"bench-1\"}", "");
        lines(follower, "id:aa", "data:{\"id\":\"aa\",\"data\":\"bench-1\"}", "");
        lines(follower, ": a comment", "id:bb", "data:{\"id\":\"bb\",\"data\":\"warmup-0\"}", "");
        lines(follower, "id:cc", "data:{\"id\":\"cc\",\"data\":\"someone else's\"}", "");

        assertEquals(3, follower.subscribed().join(), "the subscribed event's roots");
        assertTrue(follower.arrival(1) > 0, "message 1 arrived");
        assertEquals(-1, follower.arrival(0), "message 0 did not");
        assertEquals("aa", follower.id(1));
        assertEquals(1, follower.duplicates(), "the repeat of message 1");
        assertEquals(1, follower.warmupsReceived());
        assertEquals(1, follower.unexpected(), "the message that is not the benchmark's");
    }

    private static void lines(ChannelFollower follower, String... lines) {
        for (String line : lines) {
            follower.onNext(line);
        }
    }

    private static final class NoSubscription implements Flow.Subscription {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    }
}
