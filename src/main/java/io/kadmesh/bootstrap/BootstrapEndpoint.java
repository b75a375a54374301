package io.kadmesh.bootstrap;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * The onboarding endpoint {@code /bootstrap}, served by every node: on a running bootstrap each link
 * opens with a challenge, a node sends {@code register} signed over it and is answered with
 * introductions, or sends a signed {@code leave} when it stops; on any other node the link opens with
 * an error saying this is not a bootstrap. {@link Onboarding} decides each answer; a bad frame gets an
 * error answer and the socket stays usable. Upgrades pass the same origin check as {@code /dht}.
 */
@WebSocket(path = "/bootstrap", endpointId = BootstrapEndpoint.ID)
public class BootstrapEndpoint {

    /** The endpoint's id, by which the origin check applies to it. */
    public static final String ID = "kadmesh-bootstrap";

    private final Onboarding onboarding;

    BootstrapEndpoint(Onboarding onboarding) {
        this.onboarding = onboarding;
    }

    /** Opens the link with a challenge, or with an error when this node serves no onboarding. */
    @OnOpen
    public String onOpen(WebSocketConnection connection) {
        return onboarding.opened(connection.id(), connection.handshakeRequest().remoteAddress());
    }

    /** Answers one frame. */
    @OnTextMessage
    public Uni<String> onMessage(String frame, WebSocketConnection connection) {
        return Uni.createFrom().completionStage(onboarding.answer(connection.id(), frame));
    }

    /** Forgets the link's challenge. */
    @OnClose
    public void onClose(WebSocketConnection connection) {
        onboarding.closed(connection.id());
    }
}
