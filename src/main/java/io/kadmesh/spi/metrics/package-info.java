/**
 * The metrics SPI: what a metrics plugin implements ({@link io.kadmesh.spi.metrics.MetricsRecorder})
 * and what the node lets it read ({@link io.kadmesh.spi.metrics.NodeGauges}). Every method of the
 * recorder has a no-op default, so a plugin records only what it wants. The node calls a plugin only
 * through its fail-safe wrapper ({@code io.kadmesh.metrics}): a plugin that throws is counted and
 * logged, and switched off after repeated failures; it never stops a message.
 * <p>
 * Calls on the path of every frame pass primitives, enums and constant strings only, so that they
 * need not allocate. Every tag value a plugin can derive comes from a bounded set: the enums here,
 * transport ids (one per transport plugin) and the applied config commit (one at a time); never a
 * peer id or an address.
 */
package io.kadmesh.spi.metrics;
