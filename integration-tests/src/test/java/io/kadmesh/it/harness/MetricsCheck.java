package io.kadmesh.it.harness;

/**
 * The node's {@code metrics} health check, from {@code GET /q/health/well}: the state of the guard
 * around its metrics plugin.
 *
 * @param status {@code UP}, or {@code DOWN} while the plugin is switched off
 * @param plugin the plugin's name, e.g. {@code MicrometerRecorder}
 * @param enabled whether config turns metrics on
 * @param switchedOff whether the node switched the plugin off after failures in a row
 * @param failures failed plugin calls since the node started
 * @param lastFailure the last failure, as call and exception ({@code frame: java.lang.…}); null if none
 */
public record MetricsCheck(String status, String plugin, boolean enabled, boolean switchedOff, long failures,
        String lastFailure) {
}
