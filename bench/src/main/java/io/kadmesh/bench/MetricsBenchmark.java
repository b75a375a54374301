package io.kadmesh.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What metrics cost the message flow ({@code bench/metrics.sh}): the {@link LinkBenchmark} run again
 * and again on one build, with metrics off and on alternated (which goes first swaps each round), each
 * run a fresh node process. Prints one JSON line: the requests a second of every run, their medians
 * per mode, and {@code onOverOff}, the median with metrics on over the median with them off (issue
 * 11 asks at least 0.95), with {@code costPercent} beside it; and the node's CPU per request, median
 * per mode and their ratio ({@code cpuPerRequestOnOverOff}), the finer figure when the benchmark's
 * peer, not the node, bounds the rate.
 */
public final class MetricsBenchmark {

    private MetricsBenchmark() {
    }

    /**
     * Arguments: {@code [rounds] [window] [seconds]} (default 5, 32, 10); the application directory is
     * system property {@code kadmesh.app.dir} (default {@code target/quarkus-app}).
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        }
        Path appDir = Path.of(System.getProperty("kadmesh.app.dir", "target/quarkus-app"));
        List<Double> off = new ArrayList<>();
        List<Double> on = new ArrayList<>();
        List<Double> offCpu = new ArrayList<>();
        List<Double> onCpu = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            boolean onFirst = round % 2 == 1;
            for (boolean metrics : new boolean[] { onFirst, !onFirst }) {
                ObjectNode run = new LinkBenchmark(window, seconds, metrics, appDir,
                        Files.createTempDirectory("kadmesh-metrics-")).run();
                if (run.get("metricsEnabled").asBoolean() != metrics || run.get("otherReplies").asLong() != 0) {
                    throw new IllegalStateException("the run did not measure what it should: " + run);
                }
                (metrics ? on : off).add(run.get("requestsPerSecond").asDouble());
                (metrics ? onCpu : offCpu).add(run.get("nodeCpuMicrosPerRequest").asDouble());
                System.err.println("metrics " + (metrics ? "on " : "off") + ": " + run);
            }
        }
        double offMedian = Sample.of(off).median();
        double onMedian = Sample.of(on).median();
        ObjectNode line = JsonNodeFactory.instance.objectNode().put("benchmark", "metrics").put("rounds", rounds)
                .put("window", window).put("seconds", seconds).put("offRequestsPerSecond", Math.round(offMedian))
                .put("onRequestsPerSecond", Math.round(onMedian))
                .put("onOverOff", thousandths(onMedian / offMedian))
                .put("costPercent", NetworkBenchmark.round(100 * (1 - onMedian / offMedian)))
                .put("offNodeCpuMicrosPerRequest", Sample.of(offCpu).median())
                .put("onNodeCpuMicrosPerRequest", Sample.of(onCpu).median())
                .put("cpuPerRequestOnOverOff",
                        thousandths(Sample.of(onCpu).median() / Sample.of(offCpu).median()));
        off.forEach(line.putArray("offRuns")::add);
        on.forEach(line.putArray("onRuns")::add);
        System.out.println(line);
    }

    /** {@code value} to three decimals: ratios near 1 need them. */
    private static double thousandths(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
