package io.kadmesh.dht.rpc;

import static io.kadmesh.dht.rpc.MultibyteLink.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.node.NodeOptions;
import io.kadmesh.testing.LinkRecorder;

/** The endpoint tells its observer every frame with the bytes it counted, and every link. */
class RpcObserverTest {

    private final List<String> heard = new CopyOnWriteArrayList<>();

    private final RpcObserver observer = new RpcObserver() {
        @Override
        public void received(String transport, String type, long bytes) {
            heard.add("in " + type + " " + bytes);
        }

        @Override
        public void sent(String transport, String type, long bytes) {
            heard.add("out " + type + " " + bytes);
        }

        @Override
        public void linkOpened(String transport, boolean inbound) {
            heard.add("open " + (inbound ? "inbound" : "outbound"));
        }
    };

    @Test
    void mustTellTheObserverTheBytesOfEveryFrameAsCountedOnTheWire() {
        MultibyteLink peers = new MultibyteLink(NodeOptions.defaults().withObserver(observer));
        LinkRecorder replies = peers.replies;
        String ping = peers.ping("p1");
        peers.send(ping);
        peers.send("{not json");

        assertEquals(2, replies.frames.size(), "the ping and the bad frame are answered");
        assertEquals(List.of("open inbound", "in ping " + utf8(ping), "out pong " + utf8(replies.frames.get(0)),
                "in null " + utf8("{not json"), "out error " + utf8(replies.frames.get(1))), heard);
    }

}
