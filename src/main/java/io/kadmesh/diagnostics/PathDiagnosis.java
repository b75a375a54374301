package io.kadmesh.diagnostics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Diagnoses one endpoint, step by step, until a step fails or the last passes. */
final class PathDiagnosis {

    private final Endpoint endpoint;
    private final Bounds bounds;
    private final long deadline;
    private final String webrtcSkipped;
    /** The steps taken so far; read by another thread when the path does not finish within the bound. */
    private final List<StepResult> steps = Collections.synchronizedList(new ArrayList<>());

    /** The diagnosis of {@code endpoint}; a node's WebRTC path is checked unless {@code webrtcSkipped} says why not. */
    PathDiagnosis(Endpoint endpoint, Bounds bounds, long deadline, String webrtcSkipped) {
        this.endpoint = endpoint;
        this.bounds = bounds;
        this.deadline = deadline;
        this.webrtcSkipped = webrtcSkipped;
    }

    PathReport run() {
        Finding finding = null;
        try {
            ProbeSocket socket = new WebSocketOpening(endpoint, bounds, deadline, steps).open();
            if (endpoint.role() == Endpoint.Role.BOOTSTRAP) {
                new BootstrapGreeting(endpoint, bounds, deadline, steps).run(socket);
            } else {
                new NodeConversation(endpoint, bounds, deadline, steps, webrtcSkipped).run(socket);
            }
        } catch (StepFailure failure) {
            finding = failure.finding();
        } catch (RuntimeException unexpected) {
            finding = new Finding(nextStep(steps), "the diagnosis itself failed: " + unexpected,
                    "report this as a bug in kadmesh diagnose");
        }
        return new PathReport(endpoint, withSkipped(steps), finding);
    }

    /**
     * The report of a path still running when the diagnosis's bound came: the steps it had taken, and
     * the one it was at named as not finished.
     */
    PathReport unfinished(String why) {
        List<StepResult> taken;
        synchronized (steps) {
            taken = List.copyOf(steps);
        }
        return new PathReport(endpoint, withSkipped(taken), new Finding(nextStep(taken), why,
                "run the diagnosis again with a longer --timeout, or check what this step waits on"));
    }

    /** Adds the steps never reached, as skipped, so that every report lists all of them in order. */
    private static List<StepResult> withSkipped(List<StepResult> steps) {
        Set<Step> taken = EnumSet.noneOf(Step.class);
        List<StepResult> all;
        synchronized (steps) {
            steps.forEach(step -> taken.add(step.step()));
            all = new ArrayList<>(steps);
        }
        for (Step step : Step.values()) {
            if (!taken.contains(step)) {
                all.add(StepResult.skipped(step, "not reached"));
            }
        }
        all.sort((a, b) -> a.step().compareTo(b.step()));
        return all;
    }

    private static Step nextStep(List<StepResult> steps) {
        return steps.isEmpty() ? Step.DNS
                : Step.values()[Math.min(Step.values().length - 1, steps.get(steps.size() - 1).step().ordinal() + 1)];
    }
}
