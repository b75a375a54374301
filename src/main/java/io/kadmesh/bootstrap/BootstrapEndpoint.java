package io.kadmesh.bootstrap;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.kadmesh.config.NodeConfig;
import io.kadmesh.dht.Contact;
import io.kadmesh.node.NodeRuntime;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.smallrye.mutiny.Uni;

/**
 * The onboarding endpoint {@code /bootstrap}. A node sends {@code register} with its contact and
 * state; the bootstrap records it (network health lists it), makes sure its own DHT node knows it,
 * and answers with introductions: the k contacts it knows closest to the newcomer, a few random ones,
 * and itself, so that even an empty network onboards at once. Served only when the role is
 * {@code bootstrap}; a bad frame gets an error answer and the socket stays usable.
 */
@WebSocket(path = "/bootstrap")
public class BootstrapEndpoint {

    private static final Logger LOG = Logger.getLogger(BootstrapEndpoint.class);

    @Inject
    NodeConfig config;

    @Inject
    BootstrapRegistry registry;

    @Inject
    NodeRuntime runtime;

    /** Answers one frame. */
    @OnTextMessage
    public Uni<String> onMessage(String frame) {
        if (config.role() != NodeConfig.Role.BOOTSTRAP || !runtime.isRunning()) {
            return Uni.createFrom().item(BootstrapMessages.error("this node is not a bootstrap; use its /dht endpoint"));
        }
        BootstrapMessages.Register register;
        try {
            register = BootstrapMessages.parseRegister(frame);
        } catch (IllegalArgumentException e) {
            LOG.debugf("bad bootstrap frame: %s", e.getMessage());
            return Uni.createFrom().item(BootstrapMessages.error(e.getMessage()));
        }
        if (!registry.record(register)) {
            return Uni.createFrom().item(BootstrapMessages.error("registry full"));
        }
        Contact newcomer = register.contact();
        return Uni.createFrom().completionStage(runtime.introductionsFor(newcomer))
                .map(BootstrapMessages::introductions)
                .onFailure().recoverWithItem(failure -> BootstrapMessages.error("no introductions: " + failure.getMessage()));
    }
}
