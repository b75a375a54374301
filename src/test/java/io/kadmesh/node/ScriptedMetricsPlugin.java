package io.kadmesh.node;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import io.kadmesh.metrics.ScriptedRecorder;

/**
 * A {@link ScriptedRecorder} as the node's metrics plugin, in place of the Micrometer one, for the
 * tests whose profile enables it ({@link ScriptedMetricsProfile}). A singleton, not a proxied bean,
 * so that the test reads the very counters the node's calls move.
 */
@Alternative
@Singleton
public class ScriptedMetricsPlugin extends ScriptedRecorder {
}
