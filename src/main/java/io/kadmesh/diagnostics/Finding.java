package io.kadmesh.diagnostics;

import java.util.Objects;

/**
 * Why a path failed, in an operator's words: the step, the likely root cause and what to do next.
 *
 * @param step the step that failed
 * @param cause what most likely went wrong, with the evidence (a status, the start of a body, a close reason)
 * @param next the next thing to check or change
 */
public record Finding(Step step, String cause, String next) {

    public Finding {
        Objects.requireNonNull(step, "step must be set");
        Objects.requireNonNull(cause, "cause must be set");
        Objects.requireNonNull(next, "next must be set");
    }
}
