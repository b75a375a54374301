package io.kadmesh.diagnostics;

/** A step failed: ends the path with its {@link Finding}. */
final class StepFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Finding finding;

    StepFailure(Step step, String cause, String next) {
        super(step.label() + ": " + cause, null, false, false);
        this.finding = new Finding(step, cause, next);
    }

    Finding finding() {
        return finding;
    }
}
