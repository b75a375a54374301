package io.kadmesh.node;

/** Whether this process runs its node now: the running node, or why there is none. */
public sealed interface NodeState {

    /** The node runs. */
    record Running(LiveNode node) implements NodeState {
    }

    /** No node runs, for {@code reason}: not started yet, disabled, or stopped. */
    record NotRunning(String reason) implements NodeState {
    }
}
