package io.kadmesh.diagnostics;

/**
 * The metrics plugin's switch and transfer counters as a node's Prometheus page shows them: whether
 * the node calls the plugin ({@code kadmesh_metrics_enabled}), and the bytes it counted in and out
 * ({@code kadmesh_transfer_bytes_total}, summed over transports). Two samples taken around the data
 * flow tell whether the counters moved with it, or, metrics being off, not at all.
 *
 * @param enabled whether the node calls the metrics plugin
 * @param bytesIn the plugin's count of bytes in
 * @param bytesOut the plugin's count of bytes out
 */
record PluginCounters(boolean enabled, long bytesIn, long bytesOut) {

    /** Where a node serves its metrics. */
    static final String PATH = "/q/metrics";

    private static final String ENABLED = "kadmesh_metrics_enabled";
    private static final String BYTES = "kadmesh_transfer_bytes_total";

    /**
     * The counters in the Prometheus text {@code page}, or null when it has no
     * {@code kadmesh_metrics_enabled}; counters not there yet (no byte counted) are zero.
     */
    static PluginCounters parse(String page) {
        Boolean enabled = null;
        double in = 0;
        double out = 0;
        for (String line : page.split("\n")) {
            if (line.startsWith(ENABLED + " ") || line.startsWith(ENABLED + "{")) {
                enabled = value(line) == 1;
            } else if (line.startsWith(BYTES + "{")) {
                if (line.contains("direction=\"in\"")) {
                    in += value(line);
                } else if (line.contains("direction=\"out\"")) {
                    out += value(line);
                }
            }
        }
        return enabled == null ? null : new PluginCounters(enabled, (long) in, (long) out);
    }

    /** The value of one sample line, {@code name{labels} value [timestamp]}; NaN when it is no number. */
    private static double value(String line) {
        int labelsEnd = line.lastIndexOf('}');
        String rest = line.substring(labelsEnd >= 0 ? labelsEnd + 1 : line.indexOf(' ')).trim();
        try {
            return Double.parseDouble(rest.split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
