package io.kadmesh.spi.metrics;

import io.kadmesh.spi.transport.Phase;

/**
 * What a metrics plugin implements: a CDI bean the node calls, through its fail-safe wrapper, as
 * frames, requests and lookups happen. Every method has a no-op default. Calls come from any thread,
 * often the event loop that carries the frames, so they must be quick and must not block; what they
 * measure was counted already (bytes from the frames sent and received), so a plugin never
 * serialises anything to measure it.
 * <p>
 * While metrics are off (live setting {@code kadmesh.metrics.enabled}), or after the node switched
 * the plugin off for failing, no method is called at all. A method that throws is counted as a
 * failure and never stops the message it measures.
 */
public interface MetricsRecorder {

    /**
     * The node's gauges, handed over once, before any other call, the first time metrics are on. A
     * plugin that exports gauges reads them from {@code gauges} whenever it is scraped.
     */
    default void bind(NodeGauges gauges) {
    }

    /**
     * One frame of the peer protocol went over a link of {@code transport} (a transport id such as
     * {@code websocket}), taking {@code bytes} bytes on the wire (UTF-8).
     */
    default void frame(String transport, Direction direction, MessageType type, long bytes) {
    }

    /**
     * A link could not be had or used: {@code manager} is the id of the transport that failed, such as
     * {@code websocket}, and {@code phase} the step that failed.
     */
    default void transportError(String manager, Phase phase) {
    }

    /** A request of {@code type} that this node sent ended with {@code outcome} after {@code nanos}. */
    default void rpc(MessageType type, RpcOutcome outcome, long nanos) {
    }

    /** An iterative lookup ended after asking {@code hops} rounds of peers. */
    default void lookup(int hops) {
    }

    /**
     * The node runs with the live settings of config commit {@code commit} ({@code none} for the
     * defaults built in) and profile {@code profile}, from now on; called when metrics come on and at
     * every applied commit.
     */
    default void configApplied(String commit, String profile) {
    }
}
