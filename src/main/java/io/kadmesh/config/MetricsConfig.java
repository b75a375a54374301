package io.kadmesh.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** Metrics settings, under {@code kadmesh.metrics.} ({@link NodeConfig#metrics()}). */
public interface MetricsConfig {
    /**
     * {@code kadmesh.metrics.enabled}: whether the node calls its metrics plugin; live, so the config
     * repository sets it too. Off, the plugin is not called at all, as if there were none.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * {@code kadmesh.metrics.max-consecutive-failures}: after this many calls of the metrics plugin
     * failed in a row, the node switches the plugin off until config turns metrics off and on again;
     * at least 1.
     */
    @WithDefault("20")
    int maxConsecutiveFailures();

    /**
     * {@code kadmesh.metrics.failure-log-interval}: failures of the metrics plugin are logged at
     * most once per this interval, with the number left unlogged since the last line.
     */
    @WithDefault("1m")
    Duration failureLogInterval();
}
