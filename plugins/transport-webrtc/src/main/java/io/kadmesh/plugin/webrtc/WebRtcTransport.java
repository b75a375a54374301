package io.kadmesh.plugin.webrtc;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.Signaled;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.spi.transport.TransportException;
import io.kadmesh.spi.transport.TransportStatus;

/**
 * WebRTC DataChannels, through webrtc-java. A browser offers a DataChannel through signals over its
 * WebSocket link to this node ({@link Signaled}); this transport answers, and hands the channel to the
 * node as an inbound link once it opens; the node runs the hello handshake on it as on any link. A
 * dial of {@code webrtc:<peer id>} offers one the same way, through the same signals: the node itself
 * reaches browsers over their links and nodes over WebSocket, so only the contract tests dial today.
 * <p>
 * The native library loads on the first {@link #status()}. Disabled by config, or when it cannot
 * load, the transport reports itself unavailable with the reason, and the node goes on without it.
 */
@Singleton
public class WebRtcTransport implements Transport, Signaled {

    /** The transport's id. */
    public static final String ID = "webrtc";

    private static final Logger LOG = Logger.getLogger(WebRtcTransport.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEME = "webrtc:";
    private static final Pattern PEER_ID = Pattern.compile("[0-9a-f]{40}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebRtcTransportConfig config;
    private final Sessions sessions;
    /** Creating and closing peer connections happens here, never on libwebrtc's own threads. */
    private final ScheduledExecutorService lifecycle = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kadmesh-webrtc");
        thread.setDaemon(true);
        return thread;
    });
    private volatile TransportStatus status;
    private volatile PeerConnectionFactory factory;
    private volatile LinkHandler handler;
    private volatile SignalSender sender;

    @Inject
    WebRtcTransport(WebRtcTransportConfig config) {
        this.config = config;
        this.sessions = new Sessions(config.maxSessions());
    }

    @Override
    public String id() {
        return ID;
    }

    /** Available once the native library has loaded; unavailable, with why, when disabled or it cannot load. */
    @Override
    public synchronized TransportStatus status() {
        if (status == null) {
            status = load();
        }
        return status;
    }

    private TransportStatus load() {
        if (!config.enabled()) {
            return TransportStatus.switchedOff("kadmesh.transport.webrtc.enabled is false");
        }
        String library = System.mapLibraryName("webrtc-java-" + platform());
        if (WebRtcTransport.class.getClassLoader().getResource(library) == null) {
            return TransportStatus.unavailable("webrtc-java has no native library for this platform: " + library
                    + " is not on the class path (the webrtc-java jar with classifier " + platform() + " is missing)");
        }
        try {
            long started = System.nanoTime();
            factory = new PeerConnectionFactory(new HeadlessAudioDeviceModule());
            LOG.infof("webrtc transport ready: takes DataChannels from browsers (libwebrtc loaded in %d ms)",
                    (System.nanoTime() - started) / 1_000_000);
            return TransportStatus.AVAILABLE;
        } catch (Throwable e) {
            LOG.debugf(e, "webrtc-java could not load");
            return TransportStatus.unavailable("webrtc-java's native library could not load: " + rootCause(e));
        }
    }

    /** The platform as webrtc-java names its native jars: {@code linux-x86_64}, {@code macos-aarch64}, ... */
    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String family = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "macos" : "linux";
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return family + "-" + (arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch);
    }

    /** The innermost cause, with its class: an {@link ExceptionInInitializerError} alone says nothing. */
    private static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public void listen(LinkHandler handler) {
        if (this.handler != null) {
            throw new IllegalStateException("the webrtc transport listens already");
        }
        this.handler = handler;
    }

    /** {@code webrtc:<peer id>}: a DataChannel to a peer this node can signal. */
    @Override
    public boolean supports(String address) {
        return peerOf(address) != null;
    }

    /**
     * Offers a DataChannel to the peer of {@code address}, {@code webrtc:<40 hex digits>}, through the
     * signals of {@link #signalThrough}; the link opens once the channel does. Fails in the connect phase
     * when the peer cannot be signaled, or the channel does not open within the open timeout.
     */
    @Override
    public CompletionStage<PeerLink> dial(String address, LinkHandler handler) {
        String peer = peerOf(address);
        SignalSender out = sender;
        String refused = peer == null ? "not a webrtc address: expected webrtc:<40 hex digits>"
                : !status().available() ? "the webrtc transport is unavailable: " + status().reason()
                        : out == null ? "the webrtc transport has no way to signal peers yet" : null;
        if (refused != null) {
            return refused(address, refused);
        }
        String session = newSessionId();
        CompletableFuture<PeerLink> dialed = new CompletableFuture<>();
        String key = peer + "/" + session;
        OfferSession offering = new OfferSession(peer, (kind, fields) -> out.send(peer, session,
                SignalText.of(kind, fields)), handler, dialed, () -> later(() -> sessions.forgetOffer(key)));
        if (!sessions.offering(key, offering)) {
            return refused(address, sessions.fullReason());
        }
        later(() -> {
            try {
                offering.start(factory, configuration());
            } catch (RuntimeException e) {
                offering.fail("libwebrtc refused the session: " + e.getMessage());
            }
        });
        schedule(() -> offering.fail("no DataChannel within " + config.openTimeout().toMillis() + " ms: ICE found"
                + " no path to " + peer + ", or it did not answer"), config.openTimeout());
        return dialed;
    }

    @Override
    public Duration dialDeadline() {
        return config.openTimeout();
    }

    @Override
    public void signalThrough(SignalSender sender) {
        this.sender = sender;
    }

    /**
     * Answers an offer (or refuses it, saying why, when there is no room; an offer for a session under
     * way is dropped), takes the answer or refusal of an offer of this node's, or adds a candidate to
     * the session it belongs to; anything else is dropped.
     */
    @Override
    public void signal(String from, String session, String signal) {
        if (factory == null || sender == null) {
            return;
        }
        JsonNode message;
        try {
            message = JSON.readTree(signal);
        } catch (Exception e) {
            return;
        }
        String key = from + "/" + session;
        switch (message.path("kind").asText()) {
            case "offer" -> {
                LinkHandler links = handler;
                if (message.path("sdp").isTextual() && links != null) {
                    answer(from, session, key, message.path("sdp").textValue(), links);
                }
            }
            case "answer" -> sessions.offerOf(key).filter(any -> message.path("sdp").isTextual())
                    .ifPresent(offering -> offering.answer(message.path("sdp").textValue()));
            case "refused" -> sessions.offerOf(key).ifPresent(offering -> offering.fail("the peer refused the"
                    + " DataChannel: " + SignalText.shortened(message.path("reason").asText("no reason given"))));
            case "candidate" -> sessions.of(key).filter(any -> message.path("candidate").isTextual())
                    .ifPresent(peerSession -> peerSession.candidate(message.path("sdpMid").asText(null),
                            message.path("sdpMLineIndex").asInt(0), message.path("candidate").textValue()));
            default -> {
            }
        }
    }

    private void answer(String from, String session, String key, String sdp, LinkHandler links) {
        if (sessions.of(key).isPresent()) {
            LOG.debugf("dropped a second offer from %s in session %s", from, session);
            return;
        }
        AnswerSession answering = new AnswerSession(from, (kind, fields) -> sender.send(from, session,
                SignalText.of(kind, fields)), links, () -> later(() -> sessions.forgetAnswer(key)));
        if (!sessions.answering(key, answering)) {
            LOG.debugf("refused a DataChannel offer from %s in session %s: %s", from, session, sessions.fullReason());
            sender.send(from, session, SignalText.of("refused", Map.of("reason", sessions.fullReason())));
            return;
        }
        schedule(() -> {
            if (!answering.opened()) {
                sessions.forgetAnswer(key);
            }
        }, config.openTimeout());
        later(() -> {
            try {
                answering.start(factory, configuration(), sdp);
            } catch (RuntimeException e) {
                LOG.debugf(e, "could not answer a DataChannel offer from %s", from);
                sessions.forgetAnswer(key);
            }
        });
    }

    private static CompletionStage<PeerLink> refused(String address, String why) {
        return CompletableFuture.failedFuture(new TransportException(ID, address, Phase.CONNECT, why));
    }

    /** Runs {@code task} on the lifecycle thread, unless the transport has closed. */
    private void later(Runnable task) {
        schedule(task, Duration.ZERO);
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            lifecycle.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // the transport has closed, and its sessions with it
        }
    }

    private static String peerOf(String address) {
        if (address == null || !address.startsWith(SCHEME)) {
            return null;
        }
        String peer = address.substring(SCHEME.length());
        return PEER_ID.matcher(peer).matches() ? peer : null;
    }

    private static String newSessionId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * No ICE servers: a node answers from its own addresses. Interfaces are enumerated as usual (in the
     * tests' private network namespace, a veth pair; libwebrtc skips loopback).
     */
    private static RTCConfiguration configuration() {
        RTCConfiguration configuration = new RTCConfiguration();
        configuration.iceServers = List.of();
        configuration.portAllocatorConfig = new PortAllocatorConfig();
        return configuration;
    }

    /** The DataChannel sessions open or opening now. */
    int sessionCount() {
        return sessions.count();
    }

    @Override
    @PreDestroy
    public synchronized void close() {
        if (!lifecycle.isShutdown()) {
            lifecycle.execute(sessions::closeAll);
            lifecycle.shutdown();
        }
    }
}
