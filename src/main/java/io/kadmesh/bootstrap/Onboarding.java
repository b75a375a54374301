package io.kadmesh.bootstrap;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.kadmesh.config.NodeConfig;
import io.kadmesh.spi.transport.Failures;

/**
 * What the {@code /bootstrap} endpoint does on each link. It opens the link with a challenge; a
 * {@code register} signed over it by the node it names is recorded in the {@link BootstrapRegistry}
 * (within the registry's quotas, and only for an address whose host the bootstrap may dial) and
 * answered with signed {@link Introductions}, and the node's address is then checked to answer with
 * its id; a {@code leave} signed over it removes the node; anything else is answered with an
 * {@code error} saying what is wrong, and the link stays usable. It serves only while opened by a
 * running bootstrap node; on any other node, and before the bootstrap starts or after it stops, the
 * link opens with an error saying so, and every frame gets one.
 */
@ApplicationScoped
public class Onboarding {

    /** Most onboarding links open at once; a link beyond it is told to come back later. */
    static final int MAX_OPEN_LINKS = 4096;

    private static final Logger LOG = Logger.getLogger(Onboarding.class);
    private static final String NOT_A_BOOTSTRAP = "this node is not a bootstrap; use its /dht endpoint";

    private final BootstrapRegistry registry;
    private final DialableHosts dialable;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private volatile Serving serving = new Serving.Closed(NOT_A_BOOTSTRAP);

    @Inject
    Onboarding(BootstrapRegistry registry, NodeConfig config) {
        this(registry, new DialableHosts(config.bootstrap().dialableHosts()));
    }

    Onboarding(BootstrapRegistry registry, DialableHosts dialable) {
        this.registry = registry;
        this.dialable = dialable;
    }

    /** Whether frames are served, and if not, why. */
    private sealed interface Serving {
        record Open(Introductions introductions) implements Serving {
        }

        record Closed(String reason) implements Serving {
        }
    }

    /** One open link: the challenge its requests sign, and the host it comes from. */
    private record Session(BootstrapMessages.Challenge challenge, String sourceHost) {
    }

    /** Starts serving, introducing newcomers through {@code introductions}. */
    public void open(Introductions introductions) {
        serving = new Serving.Open(introductions);
    }

    /** Stops serving; every frame is answered with an error giving {@code reason}. */
    public void close(String reason) {
        serving = new Serving.Closed(reason);
    }

    /**
     * The first frame of link {@code linkId}, opened from {@code socketAddress}: a fresh challenge, or
     * an error when this node does not serve onboarding now.
     */
    public String opened(String linkId, String socketAddress) {
        if (!(serving instanceof Serving.Open open)) {
            return BootstrapMessages.error(((Serving.Closed) serving).reason());
        }
        if (sessions.size() >= MAX_OPEN_LINKS) {
            return BootstrapMessages.error("too many onboarding links open (" + MAX_OPEN_LINKS + "); try again later");
        }
        byte[] nonce = new byte[BootstrapMessages.NONCE_BYTES];
        random.nextBytes(nonce);
        var identity = open.introductions().identity();
        var challenge = new BootstrapMessages.Challenge(identity.id(), identity.publicKey(), nonce);
        sessions.put(linkId, new Session(challenge, PeerAddress.hostOfSocket(socketAddress)));
        return BootstrapMessages.challenge(challenge);
    }

    /** Link {@code linkId} closed. */
    public void closed(String linkId) {
        sessions.remove(linkId);
    }

    /** The answer to one frame on link {@code linkId}: introductions, a leave's confirmation, or an error. */
    public CompletionStage<String> answer(String linkId, String frame) {
        Serving now = serving;
        if (now instanceof Serving.Closed closed) {
            return CompletableFuture.completedFuture(BootstrapMessages.error(closed.reason()));
        }
        Session session = sessions.get(linkId);
        if (session == null) {
            return CompletableFuture.completedFuture(BootstrapMessages.error("this link has no challenge; open a new"
                    + " link to /bootstrap and sign the challenge it starts with"));
        }
        Introductions introductions = ((Serving.Open) now).introductions();
        try {
            BootstrapMessages.Request request = BootstrapMessages.parseRequest(frame);
            if (request instanceof BootstrapMessages.Register register) {
                return registered(register, session, introductions);
            }
            return CompletableFuture.completedFuture(left((BootstrapMessages.Leave) request, session));
        } catch (IllegalArgumentException e) {
            LOG.debugf("bad bootstrap frame: %s", e.getMessage());
            return CompletableFuture.completedFuture(BootstrapMessages.error(e.getMessage()));
        }
    }

    private CompletionStage<String> registered(BootstrapMessages.Register register, Session session,
            Introductions introductions) {
        BootstrapMessages.Status status = register.status();
        if (!register.isSignedByTheNode(session.challenge())) {
            return error("registration refused: 'signature' is not the signature of 'nodeId''s key over this"
                    + " link's challenge and the registration");
        }
        String addressHost = PeerAddress.host(status.contact().address());
        if (!dialable.allow(addressHost, session.sourceHost())) {
            return error(dialable.refusal(addressHost, session.sourceHost()));
        }
        BootstrapRegistry.Outcome outcome = registry.record(status, session.sourceHost());
        if (outcome instanceof BootstrapRegistry.Outcome.Refused refused) {
            return error(refused.reason());
        }
        if (((BootstrapRegistry.Outcome.Recorded) outcome).toVerify()) {
            verify(status, introductions);
        }
        return introductions.forNewcomer(status.contact())
                .thenApply(peers -> BootstrapMessages.introductions(BootstrapMessages.Introductions
                        .signedBy(introductions.identity(), session.challenge(), register, peers)))
                .exceptionally(failure -> BootstrapMessages.error("no introductions: " + Failures.message(failure)));
    }

    /** Checks that the node's address answers with its id, and marks it verified if so. */
    private void verify(BootstrapMessages.Status status, Introductions introductions) {
        var contact = status.contact();
        introductions.verify(contact).thenAccept(answered -> {
            if (answered) {
                registry.verified(contact.id(), contact.address());
            } else {
                LOG.debugf("%s did not answer as %s; its registration stays unverified", contact.address(),
                        contact.id());
            }
        });
    }

    private String left(BootstrapMessages.Leave leave, Session session) {
        if (!leave.isSignedByTheNode(session.challenge())) {
            return BootstrapMessages.error("leave refused: 'signature' is not the signature of 'nodeId''s key over"
                    + " this link's challenge");
        }
        return BootstrapMessages.left(leave.nodeId(), registry.remove(leave.nodeId()));
    }

    private static CompletionStage<String> error(String message) {
        return CompletableFuture.completedFuture(BootstrapMessages.error(message));
    }
}
