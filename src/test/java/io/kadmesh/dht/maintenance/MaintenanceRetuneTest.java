package io.kadmesh.dht.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeContext;
import io.kadmesh.dht.storage.StoredRecord;
import io.kadmesh.simulation.SimulatedTime;

/**
 * Maintenance retuned while it runs follows the new intervals from then on: expiry, bucket refresh and
 * liveness checks run as often as the new settings say, not as the old ones did. In virtual time.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MaintenanceRetuneTest {

    private final SimulatedTime time = new SimulatedTime();
    private final Recorder node = new Recorder(time);
    private final Maintenance maintenance = new Maintenance(node,
            new MaintenanceIntervals(Duration.ofHours(1), Duration.ofHours(1)),
            new NodeContext(time, time, new Random(3)));

    @Test
    void retunedIntervalsMustGovernEveryTaskFromThenOn() {
        time.execute(maintenance::start);
        time.runFor(Duration.ofMinutes(10));
        int expiriesBefore = node.expiries;
        int checksBefore = node.silenceQueries.size();

        time.execute(() -> maintenance.retune(new MaintenanceIntervals(Duration.ofSeconds(20), Duration.ofSeconds(5)),
                Duration.ofSeconds(30)));
        time.runFor(Duration.ofMinutes(1));

        assertTrue(node.expiries - expiriesBefore >= 11, "expiry every 5 s for a minute ran "
                + (node.expiries - expiriesBefore) + " times");
        assertTrue(node.silenceQueries.size() - checksBefore >= 5, "liveness rounds every 10 s ran "
                + (node.silenceQueries.size() - checksBefore) + " times");
        assertTrue(node.refreshQueries.contains(Duration.ofSeconds(30)), "refresh asked with " + node.refreshQueries);
        assertEquals(Duration.ofSeconds(10), node.silenceQueries.get(node.silenceQueries.size() - 1),
                "the latest liveness round should look for contacts silent half the new ping interval");
    }

    /** Counts what maintenance asks of a node that holds nothing. */
    private static final class Recorder implements MaintainedNode {
        final SimulatedTime time;
        int expiries;
        /** How long each liveness round's contacts had to be silent. */
        final List<Duration> silenceQueries = new ArrayList<>();
        final List<Duration> refreshQueries = new ArrayList<>();

        Recorder(SimulatedTime time) {
            this.time = time;
        }

        @Override
        public KademliaParameters parameters() {
            return KademliaParameters.DEFAULTS;
        }

        @Override
        public List<Integer> bucketsIdleFor(Duration idle) {
            refreshQueries.add(idle);
            return List.of();
        }

        @Override
        public void refreshBucket(int index) {
        }

        @Override
        public List<Contact> silentContacts(Instant since, int limit) {
            silenceQueries.add(Duration.between(since, time.instant()));
            return List.of();
        }

        @Override
        public void check(Contact contact) {
        }

        @Override
        public Collection<StoredRecord> records() {
            return List.of();
        }

        @Override
        public void republish(StoredRecord record) {
        }

        @Override
        public void replicate(StoredRecord record) {
        }

        @Override
        public void expireRecords(Instant now) {
            expiries++;
        }
    }
}
