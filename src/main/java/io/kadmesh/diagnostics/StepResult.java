package io.kadmesh.diagnostics;

import java.util.Objects;

/**
 * How one step of a path went.
 *
 * @param step the step
 * @param outcome passed, failed, or skipped (not needed, or not reached)
 * @param millis how long it took, 0 when skipped
 * @param detail what it found: an address, a status, a peer id, or why it was skipped
 */
public record StepResult(Step step, Outcome outcome, double millis, String detail) {

    /** How a step went. */
    public enum Outcome {
        PASSED,
        FAILED,
        SKIPPED
    }

    public StepResult {
        Objects.requireNonNull(step, "step must be set");
        Objects.requireNonNull(outcome, "outcome must be set");
        detail = detail == null ? "" : detail;
    }

    static StepResult passed(Step step, long startNanos, String detail) {
        return new StepResult(step, Outcome.PASSED, since(startNanos), detail);
    }

    static StepResult failed(Step step, long startNanos, String detail) {
        return new StepResult(step, Outcome.FAILED, since(startNanos), detail);
    }

    static StepResult skipped(Step step, String why) {
        return new StepResult(step, Outcome.SKIPPED, 0, why);
    }

    private static double since(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0;
    }
}
