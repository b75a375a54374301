package io.kadmesh.diagnostics;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

import io.kadmesh.bootstrap.BootstrapMessages;
import io.kadmesh.bootstrap.BootstrapMessages.Challenge;

/**
 * The greeting of a bootstrap's onboarding endpoint: the signed challenge it opens every link with,
 * checked as a newcomer checks it (its key yields its id, and the id the URL pins). Nothing is sent:
 * a request there would register a node.
 */
final class BootstrapGreeting {

    private final Endpoint endpoint;
    private final Bounds bounds;
    private final long deadline;
    private final List<StepResult> steps;

    BootstrapGreeting(Endpoint endpoint, Bounds bounds, long deadline, List<StepResult> steps) {
        this.endpoint = endpoint;
        this.bounds = bounds;
        this.deadline = deadline;
        this.steps = steps;
    }

    /** Reads and checks the challenge over {@code socket}, which it closes. */
    void run(ProbeSocket socket) throws StepFailure {
        long start = System.nanoTime();
        int wait = bounds.waitMillis(deadline);
        try (socket) {
            ProbeSocket.Frame frame = socket.read(wait);
            if (frame instanceof ProbeSocket.Close close) {
                throw fail(start, "the server closed the link instead of sending its challenge (" + close.code() + " "
                        + close.reason() + ")", "read the close reason; the bootstrap's log says more");
            }
            Challenge challenge = BootstrapMessages.parseChallenge(((ProbeSocket.Text) frame).text());
            if (endpoint.pinnedId() != null && !endpoint.pinnedId().equals(challenge.bootstrapId())) {
                throw fail(start, "the bootstrap proves id " + challenge.bootstrapId().toHex() + ", not the id "
                        + endpoint.pinnedId().toHex() + " the URL pins: another bootstrap answers here, or its key"
                        + " file changed", "pin the id the bootstrap proves, or restore its key file");
            }
            steps.add(StepResult.passed(Step.HELLO, start, "challenge from bootstrap " + challenge.bootstrapId().toHex()));
            steps.add(StepResult.skipped(Step.REQUEST, "a request here registers a node; the bootstrap's "
                    + Endpoint.Role.NODE.path() + " is checked as a path of its own"));
            steps.add(StepResult.skipped(Step.FLOW, "checked on the bootstrap's " + Endpoint.Role.NODE.path()));
            steps.add(StepResult.skipped(Step.WEBRTC, "checked on the bootstrap's " + Endpoint.Role.NODE.path()));
            socket.close(1000, "diagnosis done");
        } catch (SocketTimeoutException e) {
            throw fail(start, "upgrade accepted but no challenge within " + Bounds.seconds(Duration.ofMillis(wait))
                    + ": not a Kadmesh bootstrap endpoint, or a protocol version mismatch",
                    "check that the URL leads to a Kadmesh bootstrap's " + Endpoint.Role.BOOTSTRAP.path());
        } catch (IllegalArgumentException e) {
            throw invalid(start, e.getMessage());
        } catch (IOException e) {
            throw fail(start, "the link failed before the challenge: " + e.getMessage(), "run the diagnosis again");
        }
    }

    private StepFailure invalid(long start, String problem) {
        if (problem.startsWith("unsupported bootstrap protocol version")) {
            return fail(start, "protocol version mismatch: " + problem, "run the same Kadmesh version on both sides");
        }
        if (problem.startsWith("bootstrap refused")) {
            return fail(start, problem + ": this server is no running bootstrap",
                    "point the bootstrap URL at a server started with kadmesh.role=bootstrap");
        }
        return fail(start, "the greeting is no valid challenge (" + problem + "): not a Kadmesh bootstrap endpoint",
                "check what answers at this URL");
    }

    private StepFailure fail(long start, String cause, String next) {
        steps.add(StepResult.failed(Step.HELLO, start, cause));
        return new StepFailure(Step.HELLO, cause, next);
    }
}
