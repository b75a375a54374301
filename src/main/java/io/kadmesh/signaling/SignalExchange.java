package io.kadmesh.signaling;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.rpc.RpcObserver;
import io.kadmesh.dht.rpc.TokenBucket;
import io.kadmesh.signaling.SignalFrames.Signal;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Signaled;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.spi.transport.TransportStatus;
import io.kadmesh.spi.transport.Utf8;
import io.kadmesh.transport.handshake.AuthenticatedLink;

/**
 * A transport that passes WebRTC signaling between the browsers linked to this node, relays frames
 * between two of them that both asked for it (the fallback when WebRTC fails), and hands every other
 * frame on unchanged. A browser's {@code signal} frame names the browser it is for; this node
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

    private static final Logger LOG = Logger.getLogger(SignalExchange.class);

    /** Signals a browser may send a second, and in a burst: an offer or answer and its candidates. */
    static final int SIGNALS_PER_SECOND = 50;
    /** The type the node's traffic counts signaling frames under. */
    private static final String SIGNAL = "signal";
    /** The type the node's traffic counts relay frames under. */
    private static final String RELAY = "relay";
    /** Relay frames a browser may send a second. */
    static final int RELAY_FRAMES_PER_SECOND = 1000;

    private final Transport inner;
    private final Clock clock;
    private final BrowserLinks browsers = new BrowserLinks();
    private final Map<PeerLink, TokenBucket> rates = new ConcurrentHashMap<>();
    private final Map<PeerLink, TokenBucket> relayRates = new ConcurrentHashMap<>();
    private final RelaySessions relays = new RelaySessions();
    private final String selfId;
    private final Signaled local;
    private final RpcObserver observer;

    /** Passes signaling between the browsers on {@code inner}'s links, timing their rates by {@code clock}. */
    public SignalExchange(Transport inner, Clock clock) {
        this(inner, clock, null, List.of(), RpcObserver.NONE);
    }

    /**
     * As above, and hands the signals browsers address to this node, {@code selfId}, to the first of
     * {@code local}: the transport that takes DataChannels from browsers, which answers through this.
     * {@code observer} hears of every signaling and relay frame, in and out, as type {@code signal} or
     * {@code relay}, with its bytes: the node's traffic counts them as it counts DHT frames.
     */
    public SignalExchange(Transport inner, Clock clock, String selfId, List<Signaled> local, RpcObserver observer) {
        this.inner = Objects.requireNonNull(inner, "inner must be set");
        this.clock = Objects.requireNonNull(clock, "clock must be set");
        this.observer = Objects.requireNonNull(observer, "observer must be set");
        this.selfId = selfId;
        this.local = local.isEmpty() ? null : local.get(0);
        if (this.local != null) {
            this.local.signalThrough(this::fromThisNode);
        }
    }

    /** Sends a signal of this node's own to the browser {@code to}, over its link; false when it has none. */
    private boolean fromThisNode(String to, String session, String signal) {
        AuthenticatedLink browser = browsers.open(to);
        if (browser == null) {
            return false;
        }
        send(browser, SIGNAL, SignalFrames.forwarded(selfId, session, signal));
        return true;
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

    /** Sends one signaling or relay frame of this node's, counting it as {@code type}. */
    private void send(PeerLink link, String type, String frame) {
        observer.sent(link.transportId(), type, Utf8.length(frame));
        link.send(frame);
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
            if (signal.to().equals(selfId)) {
                toThisNode(sender, signal);
                return;
            }
            AuthenticatedLink recipient = browsers.open(signal.to());
            if (recipient == null || recipient.peerNodeId().equals(sender.peerNodeId())) {
                throw new SignalRefused(signal.session(), signal.to(),
                        "no browser " + signal.to() + " is linked to this node");
            }
            send(recipient, SIGNAL, SignalFrames.forwarded(sender.peerNodeId().toHex(), signal));
        } catch (SignalRefused refused) {
            LOG.debugf("refused a signal from %s: %s", link, refused.getMessage());
            send(link, SIGNAL, SignalFrames.error(refused));
        }
    }

    /**
     * Carries out one relay request from {@code link}: opens the pair's relay (telling both once both
     * have asked), passes data on within an open relay only, or closes it; answers a refusal with
     * {@code relay_error}.
     */
    private void relay(PeerLink link, String frame) {
        try {
            AuthenticatedLink sender = browser(link)
                    .orElseThrow(() -> new SignalRefused(null, null, "only browsers relay through this node"));
            if (!relayRates.computeIfAbsent(link, any -> new TokenBucket(RELAY_FRAMES_PER_SECOND, clock.millis()))
                    .take(clock.millis())) {
                throw new SignalRefused(null, null, "over " + RELAY_FRAMES_PER_SECOND + " relay frames a second");
            }
            RelayFrames.Request request = RelayFrames.read(frame);
            String self = sender.peerNodeId().toHex();
            switch (request.type()) {
                case "relay_open" -> openRelay(sender, self, request.to());
                case "relay_close" -> closeRelay(self, request.to());
                default -> passOn(self, request);
            }
        } catch (SignalRefused refused) {
            LOG.debugf("refused a relay frame from %s: %s", link, refused.getMessage());
            send(link, RELAY, RelayFrames.error(refused));
        }
    }

    private void openRelay(AuthenticatedLink sender, String self, String peer) throws SignalRefused {
        AuthenticatedLink other = browsers.open(peer);
        if (other == null || peer.equals(self)) {
            throw new SignalRefused(null, peer, "no browser " + peer + " is linked to this node");
        }
        switch (relays.open(self, peer)) {
            case FULL -> throw new SignalRefused(null, peer, "relays with " + RelaySessions.MAX_PER_BROWSER
                    + " peers are open or asked for already");
            case READY -> {
                send(sender, RELAY, RelayFrames.state("relay_ready", peer));
                send(other, RELAY, RelayFrames.state("relay_ready", self));
                LOG.infof("relaying between browsers %s and %s, which could not reach each other over WebRTC", self, peer);
            }
            case WAITING -> {
            }
        }
    }

    private void closeRelay(String self, String peer) {
        if (relays.close(self, peer)) {
            LOG.infof("relay between browsers %s and %s closed by %s", self, peer, self);
            AuthenticatedLink other = browsers.open(peer);
            if (other != null) {
                send(other, RELAY, RelayFrames.state("relay_closed", self));
            }
        }
    }

    private void passOn(String self, RelayFrames.Request request) throws SignalRefused {
        AuthenticatedLink other = browsers.open(request.to());
        if (other == null || !relays.relays(self, request.to())) {
            throw new SignalRefused(null, request.to(), "no relay with " + request.to()
                    + " is open: both browsers must ask for it with relay_open");
        }
        send(other, RELAY, RelayFrames.relayed(self, request.data()));
    }

    /** A browser signals this node itself: for a DataChannel to it, which the local WebRTC transport takes. */
    private void toThisNode(AuthenticatedLink sender, Signal signal) throws SignalRefused {
        if (local == null) {
            throw new SignalRefused(signal.session(), signal.to(),
                    "this node takes no WebRTC DataChannels (kadmesh.transport.webrtc.enabled is off, or the"
                            + " transport is unavailable here: see the node's log)");
        }
        local.signal(sender.peerNodeId().toHex(), signal.session(), signal.signal().toString());
    }

    /** The pairs of browsers this node relays between now, each as its two ids in order. */
    public List<List<String>> relayedPairs() {
        return relays.pairs();
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

    /** A browser's link closed: when it was its last, its relays end, and the peers it relayed with are told. */
    private void left(String id, AuthenticatedLink link) {
        if (browsers.remove(id, link)) {
            for (String peer : relays.forget(id)) {
                LOG.infof("relay between browsers %s and %s closed: %s left", id, peer, id);
                AuthenticatedLink other = browsers.open(peer);
                if (other != null) {
                    send(other, RELAY, RelayFrames.state("relay_closed", id));
                }
            }
        }
    }

    /** Takes signaling and relay frames out of a link's stream, and keeps track of the browsers' links. */
    private final class Intercepting implements LinkHandler {

        private final LinkHandler outer;

        Intercepting(LinkHandler outer) {
            this.outer = outer;
        }

        @Override
        public void onOpen(PeerLink link) {
            browser(link).ifPresent(browser -> browsers.add(browser.peerNodeId().toHex(), browser));
            outer.onOpen(link);
        }

        @Override
        public void onFrame(PeerLink link, String frame) {
            if (SignalFrames.isSignal(frame)) {
                observer.received(link.transportId(), SIGNAL, Utf8.length(frame));
                signal(link, frame);
            } else if (RelayFrames.isRelay(frame)) {
                observer.received(link.transportId(), RELAY, Utf8.length(frame));
                relay(link, frame);
            } else {
                outer.onFrame(link, frame);
            }
        }

        @Override
        public void onClose(PeerLink link, int code, String reason) {
            browser(link).ifPresent(browser -> left(browser.peerNodeId().toHex(), browser));
            rates.remove(link);
            relayRates.remove(link);
            outer.onClose(link, code, reason);
        }
    }
}
