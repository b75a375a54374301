package io.kadmesh.transport.handshake;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.Scheduler;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.Failures;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.spi.transport.TransportException;
import io.kadmesh.spi.transport.TransportStatus;

/**
 * A transport that runs the hello handshake on every link of an inner transport, both dialed and
 * accepted, and shows its user only links whose peer proved its node id: {@link AuthenticatedLink}s.
 * The handlers given to {@link #listen} and {@link #dial} never see an unverified link or a handshake
 * frame; a dial's stage completes once the link is verified, or fails with a
 * {@link TransportException} of phase {@link Phase#HANDSHAKE}. A peer that breaks the handshake, or
 * does not finish it within the timeout, is disconnected with close code {@value CloseCodes#POLICY_VIOLATION}
 * and a reason saying why. The protocol is specified in {@code docs/protocol.md}, "Handshake".
 *
 * <p>
 * Safe to call from any thread, as the inner transport must be. The scheduler's {@code schedule} is
 * called from the inner transport's threads, and the timeouts run on the scheduler.
 */
public final class HandshakeTransport implements Transport {

    /** The protocol version this node speaks. */
    public static final int PROTOCOL_VERSION = 2;

    private final Transport inner;
    private final LocalNode node;
    private final InboundLimits limits;
    private final Runnable inboundRefused;
    private volatile InboundLinks inbound;

    /**
     * Wraps {@code inner}. This node introduces itself as {@code identity}, reachable at
     * {@code advertisedAddress}; a peer has {@code timeout} from the opening of a link to complete the
     * handshake, timed by {@code scheduler}; nonces come from {@code random}, which must be
     * unpredictable and thread-safe in a live node (a {@link java.security.SecureRandom}).
     */
    public HandshakeTransport(Transport inner, NodeIdentity identity, String advertisedAddress, Scheduler scheduler,
            Duration timeout, RandomGenerator random) {
        this(inner, identity, advertisedAddress, scheduler, timeout, random, InboundLimits.DEFAULTS);
    }

    /**
     * As the constructor above, admitting inbound links only within {@code limits}; a link beyond them
     * is closed at once with close code {@value CloseCodes#TRY_AGAIN_LATER}.
     */
    public HandshakeTransport(Transport inner, NodeIdentity identity, String advertisedAddress, Scheduler scheduler,
            Duration timeout, RandomGenerator random, InboundLimits limits) {
        this(inner, identity, advertisedAddress, scheduler, timeout, random, limits, () -> {
        });
    }

    /**
     * As the constructor above; {@code inboundRefused} runs for every inbound link refused at once or
     * disconnected before its handshake completed (on the thread that ended it; it must return at once).
     */
    public HandshakeTransport(Transport inner, NodeIdentity identity, String advertisedAddress, Scheduler scheduler,
            Duration timeout, RandomGenerator random, InboundLimits limits, Runnable inboundRefused) {
        this.limits = Objects.requireNonNull(limits, "limits must be set");
        this.inboundRefused = Objects.requireNonNull(inboundRefused, "inboundRefused must be set");
        this.inner = Objects.requireNonNull(inner, "inner must be set");
        Objects.requireNonNull(identity, "identity must be set");
        Objects.requireNonNull(scheduler, "scheduler must be set");
        Objects.requireNonNull(random, "random must be set");
        this.node = new LocalNode(identity, checkAddress(advertisedAddress), scheduler, checkTimeout(timeout), random,
                inner.id());
    }

    /** The inner transport's id: the handshake is part of it, not a transport of its own. */
    @Override
    public String id() {
        return node.transportId();
    }

    /** Whether the inner transport can dial {@code address}. */
    @Override
    public boolean supports(String address) {
        return inner.supports(address);
    }

    /** The inner transport's status. */
    @Override
    public TransportStatus status() {
        return inner.status();
    }

    /** Accepts inbound links on the inner transport; {@code handler} gets those that pass the handshake. */
    @Override
    public void listen(LinkHandler handler) {
        Objects.requireNonNull(handler, "handler must be set");
        InboundLinks links = new InboundLinks(node, handler, limits, inboundRefused);
        inner.listen(links);
        inbound = links;
    }

    /** Dials {@code address} and runs the handshake; the stage completes with the verified link. */
    @Override
    public CompletionStage<PeerLink> dial(String address, LinkHandler handler) {
        return dial(address, null, handler);
    }

    /**
     * Dials {@code address}, telling the inner transport which peer is expected there, and runs the
     * handshake; the stage completes with the verified link, whichever peer it proves to be.
     */
    @Override
    public CompletionStage<PeerLink> dial(String address, String expectedPeerId, LinkHandler handler) {
        Objects.requireNonNull(address, "address must be set");
        Objects.requireNonNull(handler, "handler must be set");
        CompletableFuture<PeerLink> result = new CompletableFuture<>();
        Handshake handshake = Handshake.outbound(node, handler, address, result);
        inner.dial(address, expectedPeerId, handshake).whenComplete((link, error) -> {
            if (error != null) {
                handshake.dialFailed(Failures.cause(error));
            }
        });
        return result;
    }

    /** The inner transport's dial deadline and then the handshake's timeout: the longest a dial here takes. */
    @Override
    public Duration dialDeadline() {
        return inner.dialDeadline().plus(node.timeout());
    }

    /** Closes the inner transport, and with it every link. */
    @Override
    public void close() {
        inner.close();
        InboundLinks links = inbound;
        if (links != null) {
            links.clear();
        }
    }

    private static String checkAddress(String address) {
        Objects.requireNonNull(address, "advertisedAddress must be set");
        if (address.isBlank() || address.length() > Contact.MAX_ADDRESS_LENGTH) {
            throw new IllegalArgumentException("advertisedAddress must be 1 to " + Contact.MAX_ADDRESS_LENGTH
                    + " characters, not all blank, got '" + address + "'");
        }
        return address;
    }

    private static Duration checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must be set");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return timeout;
    }
}
