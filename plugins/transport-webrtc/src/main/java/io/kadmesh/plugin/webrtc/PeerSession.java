package io.kadmesh.plugin.webrtc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;

/**
 * This node's side of one DataChannel session with a peer, whichever side offered: the peer
 * connection, the candidates both ways, and the channel as a link once it opens. libwebrtc calls back
 * on its own threads; the peer's candidates that arrive before its description is in place wait for
 * it.
 */
abstract class PeerSession implements PeerConnectionObserver {

    /** Sends one signal of {@code kind} with {@code fields} to the peer; false when there is no way to it. */
    @FunctionalInterface
    interface Signals {
        boolean send(String kind, Map<String, Object> fields);
    }

    /** The session's peer, 40 hex digits. */
    protected final String peer;
    /** The way to the peer. */
    protected final Signals signals;
    /** Hears of the session's link. */
    protected final LinkHandler links;
    /** Called once the session has ended, whichever way: the transport forgets it. */
    protected final Runnable ended;
    private final List<RTCIceCandidate> early = new ArrayList<>();
    private RTCPeerConnection connection;
    private DataChannelLink link;
    private boolean remoteSet;

    PeerSession(String peer, Signals signals, LinkHandler links, Runnable ended) {
        this.peer = peer;
        this.signals = signals;
        this.links = links;
        this.ended = ended;
    }

    /** The peer connection, once created. */
    protected synchronized RTCPeerConnection connection() {
        return connection;
    }

    /** Keeps the peer connection this session runs on. */
    protected synchronized void connectedBy(RTCPeerConnection created) {
        connection = created;
    }

    /** Makes {@code channel} this session's link, and starts hearing it. */
    protected void carry(RTCDataChannel channel, PeerLink.Direction direction, Runnable onOpen) {
        DataChannelLink carried = new DataChannelLink(channel, "webrtc:" + peer, direction, links, onOpen, ended);
        synchronized (this) {
            link = carried;
        }
        carried.attach();
    }

    /** The session's link, once its channel exists. */
    protected synchronized PeerLink link() {
        return link;
    }

    /** Whether the session's DataChannel has opened. */
    synchronized boolean opened() {
        return link != null && link.wasOpened();
    }

    /** A candidate of the peer's. */
    void candidate(String sdpMid, int sdpMLineIndex, String candidate) {
        RTCIceCandidate ice = new RTCIceCandidate(sdpMid, sdpMLineIndex, candidate);
        synchronized (this) {
            if (!remoteSet) {
                early.add(ice);
                return;
            }
        }
        connection().addIceCandidate(ice);
    }

    /** Sets the peer's description, then adds the candidates that waited for it, then runs {@code next}. */
    protected void remoteDescription(RTCSessionDescription description, Runnable next) {
        connection().setRemoteDescription(description, done(() -> {
            List<RTCIceCandidate> waiting;
            synchronized (this) {
                remoteSet = true;
                waiting = List.copyOf(early);
                early.clear();
            }
            waiting.forEach(connection()::addIceCandidate);
            next.run();
        }));
    }

    @Override
    public void onIceCandidate(RTCIceCandidate candidate) {
        signals.send("candidate", Map.of("candidate", candidate.sdp, "sdpMid", candidate.sdpMid, "sdpMLineIndex",
                candidate.sdpMLineIndex));
    }

    @Override
    public void onConnectionChange(RTCPeerConnectionState state) {
        if (state == RTCPeerConnectionState.FAILED || state == RTCPeerConnectionState.CLOSED) {
            ended.run();
        }
    }

    /**
     * Ends the session, not on libwebrtc's threads: its link closes with {@code code} and {@code reason},
     * which the peer reads, then the peer connection.
     */
    void close(int code, String reason) {
        DataChannelLink open;
        RTCPeerConnection closing;
        synchronized (this) {
            open = link;
            closing = connection;
        }
        if (open != null) {
            open.close(code, reason);
        }
        if (closing != null) {
            closing.close();
        }
    }

    /** Ends the session as the transport closes. */
    void close() {
        close(CloseCodes.GOING_AWAY, "the node's webrtc transport closed");
    }

    /** An observer that runs {@code next} once a description is set, and ends the session if it cannot be. */
    protected SetSessionDescriptionObserver done(Runnable next) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                next.run();
            }

            @Override
            public void onFailure(String error) {
                ended.run();
            }
        };
    }
}
