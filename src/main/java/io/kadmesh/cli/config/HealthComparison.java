package io.kadmesh.cli.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a node is worse now than when it applied a commit: it stopped being ready, it lost links
 * and now holds fewer than its live minimum ({@code kadmesh.connections.min}) or none (a commit that
 * lowers the link bounds on purpose leaves fewer links, and that is no regression), or its lookups slowed by more than a ratio
 * and by more than
 * {@link #LATENCY_SLACK_MILLIS} (a few milliseconds of noise on a fast lookup are no regression).
 */
final class HealthComparison {

    /** How many milliseconds slower lookups must get, besides the ratio, to count as worse. */
    static final double LATENCY_SLACK_MILLIS = 50;

    private final double maxLatencyRatio;

    HealthComparison(double maxLatencyRatio) {
        this.maxLatencyRatio = maxLatencyRatio;
    }

    /**
     * Each figure that got worse from {@code baseline} to {@code now}, as {@code figure old → new}, for a
     * node that must hold {@code minLinks} links; empty when none.
     */
    List<String> worse(NodeHealth baseline, NodeHealth now, int minLinks) {
        List<String> figures = new ArrayList<>();
        if (baseline.ready() && !now.ready()) {
            figures.add("ready true → false");
        }
        if (now.connections() < baseline.connections() && (now.connections() == 0 || now.connections() < minLinks)) {
            figures.add("connections " + baseline.connections() + " → " + now.connections()
                    + (now.connections() == 0 ? " (none left)" : " (below the minimum " + minLinks + ")"));
        }
        if (baseline.lookupMillis().isPresent() && now.lookupMillis().isPresent()) {
            double before = baseline.lookupMillis().getAsDouble();
            double after = now.lookupMillis().getAsDouble();
            if (after > maxLatencyRatio * before && after - before > LATENCY_SLACK_MILLIS) {
                figures.add("lookup latency " + NodeHealth.millis(before) + " → " + NodeHealth.millis(after)
                        + " (more than " + maxLatencyRatio + "×)");
            }
        }
        return figures;
    }
}
