package io.kadmesh.dht.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.lookup.LookupResult;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.simulation.Simulation;

/**
 * Churn at 50 nodes: 20% crash at once (silent, links left dead), and lookups from the survivors,
 * six started every second of virtual time from the moment of the crash for twelve seconds, must
 * be at least 99% exact (the true k closest survivors, in order). {@code ChurnIT} shows the same at
 * 15 real processes; 50 processes do not fit this 2-core machine's test budget, so the 50-node case
 * runs here, on the DHT core over the in-memory network, with several seeds.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChurnSimulationTest {

    private static final KademliaParameters PARAMETERS = KademliaParameters.DEFAULTS;
    private static final MaintenanceIntervals INTERVALS = new MaintenanceIntervals(Duration.ofSeconds(30),
            Duration.ofMinutes(5));
    private static final int NODES = 50;
    private static final int SECONDS = 12;
    private static final int LOOKUPS_PER_SECOND = 6;

    @ParameterizedTest
    @ValueSource(longs = { 11, 12, 13 })
    void lookupsFromSurvivorsStayExactFromTheFirstSecondAfterAFifthCrash(long seed) {
        Simulation simulation = new Simulation(PARAMETERS, INTERVALS, seed);
        assertEquals(0, simulation.join(NODES, Duration.ofMillis(50)), "every node should join");
        simulation.runFor(Duration.ofMinutes(2));
        SplittableRandom random = new SplittableRandom(seed);

        simulation.crash(0.2);
        List<NodeId> targets = new ArrayList<>();
        List<CompletableFuture<LookupResult>> lookups = new ArrayList<>();
        for (int second = 0; second < SECONDS; second++) {
            List<DhtNode> survivors = simulation.liveNodes();
            for (int i = 0; i < LOOKUPS_PER_SECOND; i++) {
                NodeId target = NodeId.random(random);
                targets.add(target);
                lookups.add(survivors.get(random.nextInt(survivors.size())).findNode(target));
            }
            simulation.runFor(Duration.ofSeconds(1));
        }

        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < lookups.size(); i++) {
            List<NodeId> found = simulation.await(lookups.get(i)).closest().stream().map(Contact::id).toList();
            if (!found.equals(simulation.trueClosest(targets.get(i)))) {
                wrong.add("second " + i / LOOKUPS_PER_SECOND + ": " + targets.get(i).shortHex());
            }
        }
        double exact = 1.0 - (double) wrong.size() / lookups.size();
        assertTrue(exact >= 0.99, String.format("lookups after the crash should be >= 99%% exact, were %.1f%%"
                + " (%d of %d wrong: %s)", exact * 100, wrong.size(), lookups.size(), wrong));
    }
}
