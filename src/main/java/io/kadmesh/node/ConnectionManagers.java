package io.kadmesh.node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.kadmesh.node.DialFailureLog.DialFailure;
import io.kadmesh.node.NodeCondition.ConnectionManager;
import io.kadmesh.node.NodeCondition.Failure;
import io.kadmesh.spi.metrics.Direction;
import io.kadmesh.spi.transport.TransportStatus;
import io.kadmesh.transport.OpenCircuitBreaker;

/** The connection managers of a node as its diagnosis shows them: links, recent failures, open breakers. */
final class ConnectionManagers {

    private ConnectionManagers() {
    }

    /**
     * One manager per transport of {@code statuses}, and per other transport that holds links (such as
     * the browsers' relay) or breakers; each with its circuit breakers not closed, of {@code openBreakers}.
     */
    static List<ConnectionManager> of(Map<String, TransportStatus> statuses, NodeMetrics metrics,
            Map<String, List<OpenCircuitBreaker>> openBreakers) {
        Set<String> transports = new LinkedHashSet<>(statuses.keySet());
        List<DialFailure> failures = metrics.dialFailures().since(Instant.EPOCH);
        failures.forEach(failure -> transports.add(failure.transport()));
        transports.addAll(openBreakers.keySet());
        List<ConnectionManager> managers = new ArrayList<>();
        for (String transport : transports) {
            TransportStatus status = statuses.get(transport);
            managers.add(new ConnectionManager(transport, status == null ? "available" : status.reason(),
                    metrics.connections(transport, Direction.IN), metrics.connections(transport, Direction.OUT),
                    byPhase(failures, transport), recent(failures, transport),
                    openBreakers.getOrDefault(transport, List.of())));
        }
        return managers;
    }

    private static Map<String, Integer> byPhase(List<DialFailure> failures, String transport) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (DialFailure failure : failures) {
            if (failure.transport().equals(transport)) {
                counts.merge(failure.phase().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static List<Failure> recent(List<DialFailure> failures, String transport) {
        return failures.stream().filter(failure -> failure.transport().equals(transport))
                .map(failure -> new Failure(failure.at(), failure.peer(), failure.phase().name().toLowerCase(Locale.ROOT),
                        failure.cause()))
                .toList();
    }
}
