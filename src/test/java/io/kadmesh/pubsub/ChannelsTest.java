package io.kadmesh.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.dht.node.DhtNode;
import io.kadmesh.simulation.Simulation;

/**
 * Creating channels in a simulated network of 20 nodes (k = 5), through the real DHT: a channel is
 * created once, and every node answers the same one; two nodes creating it at the same moment end
 * with one; a key held by another record is a conflict, named.
 */
class ChannelsTest {

    private static final MaintenanceIntervals INTERVALS = new MaintenanceIntervals(Duration.ofSeconds(30),
            Duration.ofMinutes(1));
    private static final ChannelName NEWS = new ChannelName("news");

    private final Simulation simulation = new Simulation(KademliaParameters.DEFAULTS.withK(5), INTERVALS, 13);

    ChannelsTest() {
        assertEquals(0, simulation.join(20, Duration.ofMillis(5)));
    }

    private Channels on(DhtNode node) {
        return new Channels(node, simulation.time());
    }

    @Test
    void aChannelIsCreatedOnceAndEveryNodeAnswersTheSame() {
        DhtNode creator = simulation.liveNodes().get(4);

        Channels.Creation created = simulation.await(on(creator).create(NEWS));

        assertTrue(created.created());
        assertEquals(creator.publisherId(), created.channel().creator());
        for (DhtNode node : simulation.liveNodes()) {
            Channels.Creation again = simulation.await(on(node).create(NEWS));
            assertFalse(again.created(), node.toString());
            assertEquals(created.channel(), again.channel(), node.toString());
        }
    }

    @Test
    void twoNodesCreatingAtOnceEndWithOneChannel() {
        for (int pair = 0; pair < 5; pair++) {
            ChannelName name = new ChannelName("race-" + pair);
            var first = on(simulation.liveNodes().get(1 + pair)).create(name);
            var second = on(simulation.liveNodes().get(19 - pair)).create(name);

            Channels.Creation one = simulation.await(first);
            Channels.Creation other = simulation.await(second);

            assertEquals(one.channel(), other.channel(), name.value());
            assertTrue(one.created() ^ other.created(), "exactly one created " + name + ": " + one + ", " + other);
            for (DhtNode node : simulation.liveNodes()) {
                assertEquals(one.channel(), simulation.await(on(node).create(name)).channel(), node + " " + name);
            }
        }
    }

    @Test
    void aKeyHeldByARecordThatIsNoChannelIsAConflictNamingItsPublisher() {
        DhtNode squatter = simulation.liveNodes().get(7);
        simulation.await(squatter.store(NEWS.key(), "{\"kind\":\"kadmesh.channel\",\"name\":\"sport\"}"));

        CompletionException failed = assertThrows(CompletionException.class,
                () -> simulation.await(on(simulation.liveNodes().get(11)).create(NEWS)));

        ChannelConflictException conflict = assertInstanceOf(ChannelConflictException.class, failed.getCause());
        assertEquals(squatter.publisherId(), conflict.owner());
        assertTrue(conflict.getMessage().contains("no record of this channel"), conflict.getMessage());
    }
}
