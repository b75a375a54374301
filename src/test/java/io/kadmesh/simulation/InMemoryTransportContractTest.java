package io.kadmesh.simulation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

import io.kadmesh.spi.transport.Transport;
import io.kadmesh.spi.transport.TransportContract;

/** The in-memory network keeps the transport contract, in virtual time, with a delay on every hop. */
class InMemoryTransportContractTest extends TransportContract {

    private static final Duration BOUND = Duration.ofMinutes(1);

    private final SimulatedTime time = new SimulatedTime();
    private final InMemoryNetwork network = new InMemoryNetwork(time, new SplittableRandom(11));
    private final InMemoryTransport listener = network.transport(InMemoryNetwork.address(1));
    private final InMemoryTransport dialer = network.transport(InMemoryNetwork.address(2));

    InMemoryTransportContractTest() {
        network.latency(Duration.ofMillis(1), Duration.ofMillis(30));
    }

    @Override
    protected Transport listener() {
        return listener;
    }

    @Override
    protected Transport dialer() {
        return dialer;
    }

    @Override
    protected String listeningAddress() {
        return listener.address();
    }

    @Override
    protected String missingAddress() {
        return InMemoryNetwork.address(99);
    }

    @Override
    protected void await(String what, BooleanSupplier condition) {
        assertTrue(time.runUntil(condition, BOUND), what + " within " + BOUND + " of virtual time");
    }
}
