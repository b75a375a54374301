package io.kadmesh.diagnostics;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kadmesh.wire.ControlJson;

/**
 * What a diagnosis found: every path's steps and findings, and one verdict. Its JSON form is the
 * contract of {@code kadmesh diagnose --json} and {@code GET /api/diagnostics} ({@code docs/diagnosis.md}).
 *
 * @param startedAt when it started
 * @param durationMs how long it took
 * @param bounds the bound it ran within
 * @param paths one report per endpoint, in the order given
 */
public record DiagnosisReport(Instant startedAt, long durationMs, Bounds bounds, List<PathReport> paths,
        List<NodeReport> nodes) {

    public DiagnosisReport {
        paths = List.copyOf(paths);
        nodes = List.copyOf(nodes);
    }

    /** Whether every path works, and no node reports a failure of its own. */
    public boolean healthy() {
        return paths.stream().allMatch(PathReport::ok) && nodes.stream().noneMatch(NodeReport::failing);
    }

    /** One line: all paths work, or how many failed and the first one's cause. */
    public String verdict() {
        List<PathReport> failed = paths.stream().filter(path -> !path.ok()).toList();
        if (failed.isEmpty() && nodes.stream().anyMatch(NodeReport::failing)) {
            NodeReport node = nodes.stream().filter(NodeReport::failing).findFirst().orElseThrow();
            return "the paths work, but node " + node.api() + " reports a failure: " + node.firstFailure();
        }
        if (failed.isEmpty()) {
            return paths.isEmpty() ? "no paths checked" : "healthy: all " + paths.size() + " paths work";
        }
        PathReport first = failed.get(0);
        return failed.size() + " of " + paths.size() + " paths fail; " + first.endpoint() + " at "
                + first.finding().step().label() + ": " + first.finding().cause();
    }

    /** The report as JSON, in the documented form. */
    public ObjectNode toJson() {
        ObjectNode root = ControlJson.MAPPER.createObjectNode();
        root.put("healthy", healthy()).put("verdict", verdict()).put("startedAt", startedAt.toString())
                .put("durationMs", durationMs);
        root.putObject("bounds").put("stepTimeoutMs", bounds.stepTimeout().toMillis())
                .put("totalMs", bounds.total().toMillis());
        ArrayNode array = root.putArray("paths");
        paths.forEach(path -> array.add(json(path)));
        ArrayNode states = root.putArray("nodes");
        nodes.forEach(node -> states.add(node.toJson()));
        return root;
    }

    private static ObjectNode json(PathReport path) {
        ObjectNode node = ControlJson.MAPPER.createObjectNode();
        node.put("url", path.endpoint().toString()).put("role", path.endpoint().role().label()).put("ok", path.ok());
        ArrayNode steps = node.putArray("steps");
        for (StepResult step : path.steps()) {
            steps.addObject().put("step", step.step().label())
                    .put("outcome", step.outcome().name().toLowerCase(Locale.ROOT)).put("ms", step.millis())
                    .put("detail", step.detail());
        }
        if (path.ok()) {
            node.putNull("failedStep").putNull("cause").putNull("next");
        } else {
            node.put("failedStep", path.finding().step().label()).put("cause", path.finding().cause())
                    .put("next", path.finding().next());
        }
        return node;
    }

    /**
     * The report for people: one row per path with each step's time in milliseconds ({@code FAIL} where it
     * failed, {@code -} where it was skipped), each failure's cause and next step beneath, then the verdict
     * and the bound.
     */
    public String table() {
        StringBuilder out = new StringBuilder();
        int width = Math.max(4, paths.stream().mapToInt(path -> path.endpoint().toString().length()).max().orElse(4));
        String format = "%-" + width + "s  %-9s" + " %8s".repeat(Step.values().length) + "  %s%n";
        Object[] header = new Object[Step.values().length + 3];
        header[0] = "PATH";
        header[1] = "ROLE";
        for (Step step : Step.values()) {
            header[2 + step.ordinal()] = step.label().toUpperCase(Locale.ROOT);
        }
        header[header.length - 1] = "RESULT";
        out.append(String.format(Locale.ROOT, format, header));
        for (PathReport path : paths) {
            out.append(String.format(Locale.ROOT, format, row(path)));
            if (!path.ok()) {
                out.append("    cause: ").append(path.finding().cause()).append('\n');
                out.append("    next:  ").append(path.finding().next()).append('\n');
            }
        }
        nodes.forEach(node -> out.append(node.describe()));
        out.append("verdict: ").append(verdict()).append('\n');
        out.append(String.format(Locale.ROOT, "took %d ms; bounded at %s%n", durationMs, bounds.describe()));
        return out.toString();
    }

    private static Object[] row(PathReport path) {
        Object[] row = new Object[Step.values().length + 3];
        row[0] = path.endpoint().toString();
        row[1] = path.endpoint().role().label();
        for (Step step : Step.values()) {
            row[2 + step.ordinal()] = "-";
        }
        for (StepResult step : path.steps()) {
            row[2 + step.step().ordinal()] = switch (step.outcome()) {
                case PASSED -> String.format(Locale.ROOT, "%.1f", step.millis());
                case FAILED -> "FAIL";
                case SKIPPED -> "-";
            };
        }
        row[row.length - 1] = path.ok() ? "ok" : "FAILED at " + path.finding().step().label();
        return row;
    }

    @Override
    public String toString() {
        return paths.stream().map(path -> path.endpoint() + (path.ok() ? " ok" : " " + path.finding()))
                .collect(Collectors.joining("; ", verdict() + " [", "]"));
    }
}
