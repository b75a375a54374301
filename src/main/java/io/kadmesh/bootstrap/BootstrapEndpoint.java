package io.kadmesh.bootstrap;

import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.smallrye.mutiny.Uni;

/**
 * The onboarding endpoint {@code /bootstrap}, served by every node: on a running bootstrap a node
 * sends {@code register} with its contact and state and is answered with introductions, or sends a
 * signed {@code leave} when it stops; on any other node every frame is answered with an error saying
 * this is not a bootstrap. {@link Onboarding} decides each answer; a bad frame gets an error answer
 * and the socket stays usable.
 */
@WebSocket(path = "/bootstrap")
public class BootstrapEndpoint {

    private final Onboarding onboarding;

    BootstrapEndpoint(Onboarding onboarding) {
        this.onboarding = onboarding;
    }

    /** Answers one frame. */
    @OnTextMessage
    public Uni<String> onMessage(String frame) {
        return Uni.createFrom().completionStage(onboarding.answer(frame));
    }
}
