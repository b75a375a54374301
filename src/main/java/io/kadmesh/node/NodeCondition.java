package io.kadmesh.node;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.kadmesh.transport.OpenCircuitBreaker;

/**
 * What a running node knows of its own paths, for the diagnosis ({@code GET /api/diagnostics}): each
 * connection manager with its links, its recent failed dials by phase and cause, and its circuit
 * breakers that are open or half-open; the metrics plugin's state; the join.
 *
 * @param nodeId this node's id
 * @param role {@code node} or {@code bootstrap}
 * @param ready whether the node is ready
 * @param joined whether it has joined the network
 * @param lastJoinError why joining last failed, empty when it did not
 * @param connectionManagers one per transport, available or not
 * @param metrics the metrics plugin as the guard sees it
 */
public record NodeCondition(String nodeId, String role, boolean ready, boolean joined, String lastJoinError,
        List<ConnectionManager> connectionManagers, Metrics metrics) {

    /**
     * One transport and what it did lately.
     *
     * @param transport its id: {@code websocket}, {@code webrtc}
     * @param status {@code available}, or why not
     * @param inbound links open that peers dialed
     * @param outbound links open that this node dialed
     * @param failuresByPhase failed dials among the recent ones, by phase
     * @param recentFailures the latest failed dials, newest last
     * @param openCircuitBreakers its peers' circuit breakers that are not closed, as each last reported
     *        its state
     */
    public record ConnectionManager(String transport, String status, int inbound, int outbound,
            Map<String, Integer> failuresByPhase, List<Failure> recentFailures,
            List<OpenCircuitBreaker> openCircuitBreakers) {
    }

    /** One failed dial. */
    public record Failure(Instant at, String peer, String phase, String cause) {
    }

    /**
     * The metrics plugin.
     *
     * @param plugin its name
     * @param enabled whether config turns it on
     * @param switchedOff whether the guard switched it off after failures in a row
     * @param failures its failed calls since the node started
     * @param lastFailure the last of them, or null
     */
    public record Metrics(String plugin, boolean enabled, boolean switchedOff, long failures, String lastFailure) {
    }
}
