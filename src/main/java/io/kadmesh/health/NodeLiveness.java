package io.kadmesh.health;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import io.kadmesh.node.NodeLifecycle;
import io.kadmesh.node.NodeState;

/**
 * Liveness means the process works: it answers HTTP, and when it runs a node, the node's event loop
 * still runs tasks (a stuck loop means a process to restart). A process without a node, not started
 * yet or stopping, is alive: restarting it would not help; the check's data says there is no node.
 */
@Liveness
@ApplicationScoped
public class NodeLiveness implements HealthCheck {

    /** Longest a live event loop may take to run a task for this check. */
    static final long EVENT_LOOP_TIMEOUT_SECONDS = 2;

    private final NodeLifecycle lifecycle;

    NodeLiveness(NodeLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        NodeState state = lifecycle.state();
        if (state instanceof NodeState.NotRunning notRunning) {
            return HealthCheckResponse.named("event-loop").up().withData("node", notRunning.reason()).build();
        }
        try {
            ((NodeState.Running) state).node().dht().knownContacts().get(EVENT_LOOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return HealthCheckResponse.named("event-loop").up().withData("node", "running")
                    .withData("eventLoop", "answered within " + EVENT_LOOP_TIMEOUT_SECONDS + " s").build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted while waiting for the event loop");
        } catch (TimeoutException e) {
            return down("the event loop did not answer within " + EVENT_LOOP_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            return down("the event loop failed a task: " + e.getCause());
        }
    }

    private static HealthCheckResponse down(String error) {
        return HealthCheckResponse.named("event-loop").down().withData("node", "running").withData("error", error)
                .build();
    }
}
