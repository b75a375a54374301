package io.kadmesh.plugin.webrtc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import io.kadmesh.spi.transport.LinkHandler;

/**
 * This node's side of one DataChannel session a browser offered: the peer connection, the answer,
 * the candidates both ways, and the channel once the browser opens it. libwebrtc calls back on its own
 * threads; candidates that arrive before the offer is in place wait for it.
 */
final class AnswerSession implements PeerConnectionObserver {

    /** Sends one signal of {@code kind} with {@code fields} to the browser. */
    @FunctionalInterface
    interface Signals {
        void send(String kind, Map<String, Object> fields);
    }

    private final String peer;
    private final Signals signals;
    private final LinkHandler links;
    private final Runnable ended;
    private final List<RTCIceCandidate> early = new ArrayList<>();
    private RTCPeerConnection connection;
    private boolean remoteSet;
    private volatile boolean opened;

    AnswerSession(String peer, Signals signals, LinkHandler links, Runnable ended) {
        this.peer = peer;
        this.signals = signals;
        this.links = links;
        this.ended = ended;
    }

    /** Takes the browser's offer and answers it. */
    void start(PeerConnectionFactory factory, RTCConfiguration configuration, String offer) {
        RTCPeerConnection created = factory.createPeerConnection(configuration, this);
        synchronized (this) {
            connection = created;
        }
        created.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, offer), done(() -> {
            flushCandidates();
            created.createAnswer(new RTCAnswerOptions(), new CreateSessionDescriptionObserver() {
                @Override
                public void onSuccess(RTCSessionDescription answer) {
                    created.setLocalDescription(answer, done(() -> signals.send("answer", Map.of("sdp", answer.sdp))));
                }

                @Override
                public void onFailure(String error) {
                    ended.run();
                }
            });
        }));
    }

    /** A candidate of the browser's. */
    void candidate(String sdpMid, int sdpMLineIndex, String candidate) {
        RTCIceCandidate ice = new RTCIceCandidate(sdpMid, sdpMLineIndex, candidate);
        synchronized (this) {
            if (!remoteSet) {
                early.add(ice);
                return;
            }
        }
        connection.addIceCandidate(ice);
    }

    /** Whether the browser's DataChannel has reached this node. */
    boolean opened() {
        return opened;
    }

    @Override
    public void onIceCandidate(RTCIceCandidate candidate) {
        signals.send("candidate", Map.of("candidate", candidate.sdp, "sdpMid", candidate.sdpMid, "sdpMLineIndex",
                candidate.sdpMLineIndex));
    }

    @Override
    public void onDataChannel(RTCDataChannel channel) {
        opened = true;
        new DataChannelLink(channel, "webrtc:" + peer, links, ended).attach();
    }

    @Override
    public void onConnectionChange(RTCPeerConnectionState state) {
        if (state == RTCPeerConnectionState.FAILED || state == RTCPeerConnectionState.CLOSED) {
            ended.run();
        }
    }

    /** Closes the peer connection; not on libwebrtc's threads. */
    synchronized void close() {
        if (connection != null) {
            connection.close();
        }
    }

    private void flushCandidates() {
        List<RTCIceCandidate> waiting;
        synchronized (this) {
            remoteSet = true;
            waiting = List.copyOf(early);
            early.clear();
        }
        waiting.forEach(connection::addIceCandidate);
    }

    private SetSessionDescriptionObserver done(Runnable next) {
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
