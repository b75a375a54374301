package io.kadmesh.signaling;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.rpc.TokenBucket;
import io.kadmesh.signaling.SignalFrames.Signal;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.spi.transport.TransportStatus;
import io.kadmesh.transport.handshake.AuthenticatedLink;

/**
 * A transport that passes WebRTC signaling between the browsers linked to this node and hands every
 * other frame on unchanged. A browser's {@code signal} frame names the browser it is for; this node
 * sends it there over that browser's link, with {@code from} set to the id the sender's link proved,
 * so that no browser can speak for another, and answers the sender with {@code signal_error} when it
 * cannot: the recipient is not a browser linked here, the sender is no browser, the frame is malformed
 * or too long, or the sender is over its rate. Only browsers signal and only to browsers, so the node
 * is no relay for anything else.
 * <p>
 * Safe to call from any thread, as the transport it wraps must be. A link's frames arrive one at a
 * time, so a link's rate needs no lock; the links by peer are a concurrent map.
 */
public final class SignalExchange implements Transport {

    /** Signals a browser may send a second, and in a burst: an offer or answer and its candidates. */
    static final int SIGNALS_PER_SECOND = 50;

    private final Transport inner;
    private final Clock clock;
    private final Map<String, AuthenticatedLink> browsers = new ConcurrentHashMap<>();
    private final Map<PeerLink, TokenBucket> rates = new ConcurrentHashMap<>();

    /** Passes signaling between the browsers on {@code inner}'s links, timing their rates by {@code clock}. */
    public SignalExchange(Transport inner, Clock clock) {
        this.inner = Objects.requireNonNull(inner, "inner must be set");
        this.clock = Objects.requireNonNull(clock, "clock must be set");
    }

    @Override
    public String id() {
        return inner.id();
    }

    @Override
    public boolean supports(String address) {
        return inner.supports(address);
    }

    @Override
    public TransportStatus status() {
        return inner.status();
    }

    @Override
    public void listen(LinkHandler handler) {
        inner.listen(new Intercepting(handler));
    }

    @Override
    public CompletionStage<PeerLink> dial(String address, LinkHandler handler) {
        return inner.dial(address, new Intercepting(handler));
    }

    @Override
    public CompletionStage<PeerLink> dial(String address, String expectedPeerId, LinkHandler handler) {
        return inner.dial(address, expectedPeerId, new Intercepting(handler));
    }

    @Override
    public Duration dialDeadline() {
        return inner.dialDeadline();
    }

    @Override
    public void close() {
        inner.close();
    }

    /** Passes on one signal from {@code link}, or answers it with the reason it goes nowhere. */
    private void signal(PeerLink link, String frame) {
        try {
            AuthenticatedLink sender = browser(link)
                    .orElseThrow(() -> new SignalRefused(null, null, "only browsers signal over this node"));
            if (!rates.computeIfAbsent(link, any -> new TokenBucket(SIGNALS_PER_SECOND, clock.millis()))
                    .take(clock.millis())) {
                throw new SignalRefused(null, null, "over " + SIGNALS_PER_SECOND + " signals a second");
            }
            Signal signal = SignalFrames.read(frame);
            AuthenticatedLink recipient = browsers.get(signal.to());
            if (recipient == null || !recipient.isOpen() || recipient == sender) {
                throw new SignalRefused(signal.session(), signal.to(),
                        "no browser " + signal.to() + " is linked to this node");
            }
            recipient.send(SignalFrames.forwarded(sender.peerNodeId().toHex(), signal));
        } catch (SignalRefused refused) {
            link.send(SignalFrames.error(refused));
        }
    }

    /** The link as a browser's, when its peer proved an id and says it is a browser. */
    private static Optional<AuthenticatedLink> browser(PeerLink link) {
        if (link instanceof AuthenticatedLink authenticated && isBrowser(authenticated.peerNodeId(),
                authenticated.peerAddress())) {
            return Optional.of(authenticated);
        }
        return Optional.empty();
    }

    private static boolean isBrowser(NodeId id, String address) {
        return Contact.browser(id).address().equals(address);
    }

    /** Takes signaling frames out of a link's stream, and keeps track of the browsers' links. */
    private final class Intercepting implements LinkHandler {

        private final LinkHandler outer;

        Intercepting(LinkHandler outer) {
            this.outer = outer;
        }

        @Override
        public void onOpen(PeerLink link) {
            browser(link).ifPresent(browser -> browsers.put(browser.peerNodeId().toHex(), browser));
            outer.onOpen(link);
        }

        @Override
        public void onFrame(PeerLink link, String frame) {
            if (SignalFrames.isSignal(frame)) {
                signal(link, frame);
            } else {
                outer.onFrame(link, frame);
            }
        }

        @Override
        public void onClose(PeerLink link, int code, String reason) {
            browser(link).ifPresent(browser -> browsers.remove(browser.peerNodeId().toHex(), browser));
            rates.remove(link);
            outer.onClose(link, code, reason);
        }
    }
}
