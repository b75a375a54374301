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

    /**
     * How the counters moved from this sample to {@code now} while {@code flowIn} bytes went into the
     * node and {@code flowOut} came out over one link: right when they did not move at all with metrics
     * off, or by at least those bytes with metrics on (the plugin counts every link, so others' traffic
     * adds to it); not compared when metrics were switched between the samples.
     */
    Movement movedTo(PluginCounters now, long flowIn, long flowOut) {
        if (enabled != now.enabled) {
            return new Movement(true, "the metrics plugin's counters not compared: metrics were switched meanwhile");
        }
        long in = now.bytesIn - bytesIn;
        long out = now.bytesOut - bytesOut;
        if (!enabled) {
            return in == 0 && out == 0 ? new Movement(true, "metrics off: the plugin's counters did not move")
                    : new Movement(false, "metrics are off, but the metrics plugin's transfer counters moved by " + in
                            + " bytes in and " + out + " out: the switch does not keep the plugin off the message path");
        }
        return in >= flowIn && out >= flowOut
                ? new Movement(true, "metrics on: the plugin counted " + in + " bytes in and " + out
                        + " out, this flow's and others'")
                : new Movement(false, "metrics are on, but the metrics plugin counted " + in + " bytes in and " + out
                        + " out while " + flowIn + " and " + flowOut + " went through this link alone: it misses traffic");
    }

    /**
     * What a comparison of two samples found.
     *
     * @param right whether the counters moved as they should
     * @param text what was found, for the step's report
     */
    record Movement(boolean right, String text) {
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
