package io.kadmesh.diagnostics;

import java.util.List;
import java.util.Objects;

/**
 * The diagnosis of one endpoint: each step as it went, and the finding when one failed.
 *
 * @param endpoint the endpoint
 * @param steps every step, in order: passed, the one that failed, then the rest skipped
 * @param finding why the path failed, or null when it works
 */
public record PathReport(Endpoint endpoint, List<StepResult> steps, Finding finding) {

    public PathReport {
        Objects.requireNonNull(endpoint, "endpoint must be set");
        steps = List.copyOf(steps);
    }

    /** Whether every step passed or was not needed. */
    public boolean ok() {
        return finding == null;
    }

    /** The time of the steps taken, in milliseconds. */
    public double millis() {
        return steps.stream().mapToDouble(StepResult::millis).sum();
    }
}
