package io.kadmesh.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.NodeId;

class TopicTest {

    @Test
    void nodesThatFoundAChannelsRootsTogetherLookAgainSpreadOverAQuarterOfThePeriod() {
        Random random = new Random(7);
        ChannelName channel = new ChannelName("news");
        List<NodeId> nodes = IntStream.range(0, 15).mapToObj(i -> NodeId.random(random)).toList();

        List<Duration> freshFor = nodes.stream().map(node -> Topic.rootsFreshFor(channel, node)).sorted().toList();

        Duration quarter = Pubsub.ROOTS_FRESH_FOR.dividedBy(4);
        assertTrue(freshFor.get(0).compareTo(Pubsub.ROOTS_FRESH_FOR.minus(quarter)) >= 0, "at most a quarter less: "
                + freshFor);
        assertTrue(freshFor.get(freshFor.size() - 1).compareTo(Pubsub.ROOTS_FRESH_FOR) <= 0, "never longer: " + freshFor);
        assertTrue(freshFor.get(freshFor.size() - 1).minus(freshFor.get(0)).compareTo(quarter.dividedBy(2)) > 0,
                "15 nodes spread over more than half the quarter: " + freshFor);
        assertEquals(Topic.rootsFreshFor(channel, nodes.get(0)), Topic.rootsFreshFor(channel, nodes.get(0)),
                "one node keeps its period for a channel");
    }
}
