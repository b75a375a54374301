package io.kadmesh.bootstrap;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.kadmesh.spi.transport.Failures;

/**
 * What the {@code /bootstrap} endpoint does with each frame. A {@code register} is recorded in the
 * {@link BootstrapRegistry} and answered with {@link Introductions}; a {@code leave} signed by the
 * node it names removes that node; anything else is answered with an {@code error} saying what is
 * wrong, and the socket stays usable. It serves only while opened by a running bootstrap node; on any
 * other node, and before the bootstrap starts or after it stops, every frame gets an error saying so.
 */
@ApplicationScoped
public class Onboarding {

    /** How far a leave's signing time may lie from this bootstrap's clock, either way. */
    public static final Duration LEAVE_WINDOW = BootstrapRegistry.FORGET_AFTER;

    private static final Logger LOG = Logger.getLogger(Onboarding.class);
    private static final String NOT_A_BOOTSTRAP = "this node is not a bootstrap; use its /dht endpoint";

    private final BootstrapRegistry registry;
    private final Clock clock;
    private volatile Serving serving = new Serving.Closed(NOT_A_BOOTSTRAP);

    Onboarding(BootstrapRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Whether frames are served, and if not, why. */
    private sealed interface Serving {
        record Open(Introductions introductions) implements Serving {
        }

        record Closed(String reason) implements Serving {
        }
    }

    /** Starts serving, introducing newcomers through {@code introductions}. */
    public void open(Introductions introductions) {
        serving = new Serving.Open(introductions);
    }

    /** Stops serving; every frame is answered with an error giving {@code reason}. */
    public void close(String reason) {
        serving = new Serving.Closed(reason);
    }

    /** The answer to one frame: introductions, a leave's confirmation, or an error. */
    public CompletionStage<String> answer(String frame) {
        Serving now = serving;
        if (now instanceof Serving.Closed closed) {
            return CompletableFuture.completedFuture(BootstrapMessages.error(closed.reason()));
        }
        Introductions introductions = ((Serving.Open) now).introductions();
        try {
            BootstrapMessages.Request request = BootstrapMessages.parseRequest(frame);
            if (request instanceof BootstrapMessages.Register register) {
                return registered(register, introductions);
            }
            return CompletableFuture.completedFuture(left((BootstrapMessages.Leave) request));
        } catch (IllegalArgumentException e) {
            LOG.debugf("bad bootstrap frame: %s", e.getMessage());
            return CompletableFuture.completedFuture(BootstrapMessages.error(e.getMessage()));
        }
    }

    private CompletionStage<String> registered(BootstrapMessages.Register register, Introductions introductions) {
        if (!registry.record(register)) {
            return CompletableFuture.completedFuture(BootstrapMessages.error("registry full"));
        }
        return introductions.forNewcomer(register.contact()).thenApply(BootstrapMessages::introductions)
                .exceptionally(failure -> BootstrapMessages.error("no introductions: " + Failures.message(failure)));
    }

    private String left(BootstrapMessages.Leave leave) {
        if (!leave.isSignedByTheNode()) {
            return BootstrapMessages.error("leave refused: 'signature' is not the signature of 'nodeId''s key");
        }
        Duration age = Duration.between(leave.issuedAt(), clock.instant()).abs();
        if (age.compareTo(LEAVE_WINDOW) > 0) {
            return BootstrapMessages.error("leave refused: 'issuedAt' is " + age.toSeconds()
                    + " s away from this bootstrap's clock; at most " + LEAVE_WINDOW.toSeconds() + " s are allowed");
        }
        return BootstrapMessages.left(leave.nodeId(), registry.remove(leave.nodeId()));
    }
}
