package io.kadmesh.rest;

import java.util.ArrayList;
import java.util.List;

import io.kadmesh.config.live.ConfigSnapshot;
import io.kadmesh.config.live.LiveConfig;
import io.kadmesh.node.NodeCondition;
import io.kadmesh.transport.OpenCircuitBreaker;

/**
 * What a node's own state says is wrong, each with its likely cause and a next step: a join that
 * failed, a metrics plugin the guard switched off, a config commit rejected, breakers open.
 */
final class NodeFindings {

    private NodeFindings() {
    }

    /**
     * A finding about the node itself.
     *
     * @param area {@code join}, {@code metrics}, {@code config} or {@code transport}
     * @param severity {@code failure} when the node cannot do its part, {@code warning} when it can
     * @param cause what is wrong, with the evidence
     * @param next what to do about it
     */
    record Finding(String area, String severity, String cause, String next) {
    }

    static List<Finding> of(NodeCondition node, ConfigSnapshot config, LiveConfig.Rejection rejected) {
        List<Finding> findings = new ArrayList<>();
        if (!node.joined()) {
            findings.add(new Finding("join", "failure", "the node has not joined the network"
                    + (node.lastJoinError().isEmpty() ? " yet" : ": " + node.lastJoinError()),
                    "check the bootstrap paths below and kadmesh.bootstrap.urls"));
        }
        NodeCondition.Metrics metrics = node.metrics();
        if (metrics.switchedOff()) {
            findings.add(new Finding("metrics", "warning", "metrics plugin " + metrics.plugin() + " switched off after "
                    + metrics.failures() + " failures: message flow unaffected (last: " + metrics.lastFailure() + ")",
                    "turn kadmesh.metrics.enabled off and on again by a config commit to retry it"));
        }
        if (rejected != null) {
            findings.add(new Finding("config", "warning", "config commit " + rejected.commit() + " rejected: "
                    + rejected.reason() + "; the node runs on " + (config.commit() == null
                            ? "its " + config.source().label() + " settings"
                            : "commit " + config.commit()),
                    "fix the settings in a new commit, or git revert " + rejected.commit()));
        }
        for (NodeCondition.ConnectionManager manager : node.connectionManagers()) {
            if (!manager.openCircuitBreakers().isEmpty()) {
                findings.add(new Finding("transport", "warning", manager.transport() + ": circuit breakers open for "
                        + manager.openCircuitBreakers().size() + " peers after failed dials: "
                        + String.join(", ", manager.openCircuitBreakers().stream().map(NodeFindings::breaker).toList()),
                        "see recentFailures for why their dials failed"));
            }
        }
        return findings;
    }

    /** {@code <peer> (<state> since <time>)}. */
    private static String breaker(OpenCircuitBreaker breaker) {
        return breaker.peer() + " (" + breaker.state() + " since " + breaker.since() + ")";
    }
}
