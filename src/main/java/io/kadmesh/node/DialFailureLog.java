package io.kadmesh.node;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.TransportException;

/**
 * The node's latest failed dials, bounded, for the diagnosis: each with its transport, peer, phase
 * and cause as the guard reported it. Safe from any thread.
 */
final class DialFailureLog {

    /** Most failures kept. */
    static final int CAPACITY = 64;

    private final Deque<DialFailure> failures = new ArrayDeque<>(CAPACITY);

    /**
     * One failed dial.
     *
     * @param at when it failed
     * @param transport the transport, such as {@code websocket}
     * @param peer the address dialed
     * @param phase the step that failed
     * @param cause what went wrong there
     */
    record DialFailure(Instant at, String transport, String peer, Phase phase, String cause) {
    }

    synchronized void add(Instant at, TransportException error) {
        if (failures.size() == CAPACITY) {
            failures.removeFirst();
        }
        failures.addLast(new DialFailure(at, error.transportId(), error.peer(), error.phase(), error.detail()));
    }

    /** The failures since {@code since}, oldest first. */
    synchronized List<DialFailure> since(Instant since) {
        List<DialFailure> recent = new ArrayList<>();
        for (DialFailure failure : failures) {
            if (!failure.at().isBefore(since)) {
                recent.add(failure);
            }
        }
        return recent;
    }
}
