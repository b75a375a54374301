package io.kadmesh.plugin.webrtc;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
 * WebRTC DataChannels from browsers, through webrtc-java. A browser offers a DataChannel through
 * signals over its WebSocket link to this node ({@link Signaled}); this transport answers, and hands
 * the channel to the node as an inbound link once it opens; the node runs the hello handshake on it as
 * on any link. It never dials: browsers cannot be dialed, and nodes reach each other over WebSocket.
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
    /** How long an answered session may take to bring its DataChannel before it is given up. */
    private static final long OPEN_TIMEOUT_SECONDS = 30;

    private final WebRtcTransportConfig config;
    private final Map<String, AnswerSession> sessions = new ConcurrentHashMap<>();
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
    }

    @Override
    public String id() {
        return ID;
    }

    /** Never: browsers open DataChannels to nodes, through signaling; nothing is dialed by address. */
    @Override
    public boolean supports(String address) {
        return false;
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

    @Override
    public CompletionStage<PeerLink> dial(String address, LinkHandler handler) {
        return CompletableFuture.failedFuture(new TransportException(ID, address, Phase.CONNECT,
                "the webrtc transport does not dial: browsers open DataChannels to nodes through signaling"));
    }

    @Override
    public Duration dialDeadline() {
        return Duration.ZERO;
    }

    @Override
    public void signalThrough(SignalSender sender) {
        this.sender = sender;
    }

    /** Answers an offer, or adds a candidate to the session it belongs to; anything else is dropped. */
    @Override
    public void signal(String from, String session, String signal) {
        LinkHandler links = handler;
        if (factory == null || links == null || sender == null) {
            return;
        }
        JsonNode message;
        try {
            message = JSON.readTree(signal);
        } catch (Exception e) {
            return;
        }
        String key = from + "/" + session;
        String kind = message.path("kind").asText();
        if (kind.equals("offer") && message.path("sdp").isTextual() && !sessions.containsKey(key)) {
            if (sessions.size() >= config.maxSessions()) {
                LOG.debugf("refused a DataChannel offer from %s: %d sessions open", from, sessions.size());
                return;
            }
            lifecycle.execute(() -> offer(from, session, key, message.path("sdp").textValue(), links));
        } else if (kind.equals("candidate") && message.path("candidate").isTextual()) {
            AnswerSession answering = sessions.get(key);
            if (answering != null) {
                answering.candidate(message.path("sdpMid").asText(null), message.path("sdpMLineIndex").asInt(0),
                        message.path("candidate").textValue());
            }
        }
    }

    private void offer(String from, String session, String key, String sdp, LinkHandler links) {
        AnswerSession answering = new AnswerSession(from, (kind, fields) -> sender.send(from, session,
                SignalText.of(kind, fields)), links, () -> lifecycle.execute(() -> forget(key)));
        sessions.put(key, answering);
        lifecycle.schedule(() -> {
            if (!answering.opened()) {
                forget(key);
            }
        }, OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        try {
            answering.start(factory, configuration(), sdp);
        } catch (RuntimeException e) {
            LOG.debugf(e, "could not answer a DataChannel offer from %s", from);
            forget(key);
        }
    }

    private void forget(String key) {
        AnswerSession ended = sessions.remove(key);
        if (ended != null) {
            ended.close();
        }
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

    /** The DataChannels open or opening now. */
    int sessionCount() {
        return sessions.size();
    }

    @Override
    @PreDestroy
    public synchronized void close() {
        if (!lifecycle.isShutdown()) {
            lifecycle.execute(() -> List.copyOf(sessions.keySet()).forEach(this::forget));
            lifecycle.shutdown();
        }
    }
}
