package io.kadmesh.dht.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.protocol.FindNode;
import io.kadmesh.dht.protocol.Ping;
import io.kadmesh.testing.IdleLink;
import io.kadmesh.testing.ManualClock;

/** A link's lookup budget follows the find_node rate limit set live, on links already open too. */
class RequestBudgetsTest {

    private final ManualClock clock = new ManualClock();
    private final RequestBudgets budgets = new RequestBudgets(new FloodLimits(2000, 500, 64), clock);
    private final IdleLink link = new IdleLink("websocket", "ws://127.0.0.1:1/dht", Optional.empty());
    private final Contact peer = new Contact(NodeId.random(new SplittableRandom(1)), "ws://127.0.0.1:1/dht");

    @Test
    void aLowerLookupRateSetLiveMustRefuseTheLookupsBeyondIt() {
        assertEquals(20, granted(20), "the default rate grants a burst of 20 lookups");

        budgets.retuneLookups(2);

        assertEquals(2, granted(20), "after the retune, a second's burst is 2 lookups");
        assertTrue(budgets.spend(link, new Ping("p", peer)).isEmpty(), "other requests keep the general budget");
        Optional<String> refusal = budgets.spend(link, findNode(99));
        assertEquals(Optional.of("over 2 find_node and find_value requests per second on this link"), refusal);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(2, granted(20), "a second later, 2 more");
    }

    @Test
    void aHigherLookupRateSetLiveMustGrantMoreAtOnce() {
        budgets.retuneLookups(1);
        assertEquals(1, granted(10));
        budgets.retuneLookups(1000);
        assertEquals(600, granted(600));
    }

    private int granted(int attempts) {
        int granted = 0;
        for (int i = 0; i < attempts; i++) {
            if (budgets.spend(link, findNode(i)).isEmpty()) {
                granted++;
            }
        }
        return granted;
    }

    private FindNode findNode(int i) {
        return new FindNode("f" + i, peer, NodeId.random(new SplittableRandom(i)));
    }
}
