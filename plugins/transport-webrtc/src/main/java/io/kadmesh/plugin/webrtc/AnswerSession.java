package io.kadmesh.plugin.webrtc;

import java.util.Map;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;

/** A DataChannel session a peer offered: this node answers, and takes the channel the peer opens as an inbound link. */
final class AnswerSession extends PeerSession {

    AnswerSession(String peer, Signals signals, LinkHandler links, Runnable ended) {
        super(peer, signals, links, ended);
    }

    /** Takes the peer's offer and answers it. */
    void start(PeerConnectionFactory factory, RTCConfiguration configuration, String offer) {
        RTCPeerConnection created = factory.createPeerConnection(configuration, this);
        connectedBy(created);
        remoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, offer),
                () -> created.createAnswer(new RTCAnswerOptions(), new CreateSessionDescriptionObserver() {
                    @Override
                    public void onSuccess(RTCSessionDescription answer) {
                        created.setLocalDescription(answer,
                                done(() -> signals.send("answer", Map.of("sdp", answer.sdp))));
                    }

                    @Override
                    public void onFailure(String error) {
                        ended.run();
                    }
                }));
    }

    @Override
    public void onDataChannel(RTCDataChannel channel) {
        carry(channel, PeerLink.Direction.INBOUND, () -> {
        });
    }
}
