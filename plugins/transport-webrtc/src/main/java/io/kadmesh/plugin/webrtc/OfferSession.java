package io.kadmesh.plugin.webrtc;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.TransportException;

/**
 * A DataChannel session this node offers, for a dial: it opens the channel, offers, takes the peer's
 * answer, and completes the dial with the channel as an outbound link once it opens, after the
 * handler has heard of it.
 */
final class OfferSession extends PeerSession {

    /** The label of the one DataChannel a session carries, as browsers name it too. */
    static final String CHANNEL_LABEL = "kadmesh";

    private final String address;
    private final CompletableFuture<PeerLink> dialed;

    OfferSession(String peer, Signals signals, LinkHandler links, CompletableFuture<PeerLink> dialed, Runnable ended) {
        super(peer, signals, links, ended);
        this.address = "webrtc:" + peer;
        this.dialed = dialed;
    }

    /** Opens the channel and sends the offer; fails the dial when the peer cannot be signaled. */
    void start(PeerConnectionFactory factory, RTCConfiguration configuration) {
        RTCPeerConnection created = factory.createPeerConnection(configuration, this);
        connectedBy(created);
        RTCDataChannel channel = created.createDataChannel(CHANNEL_LABEL, new RTCDataChannelInit());
        carry(channel, PeerLink.Direction.OUTBOUND, this::channelOpened);
        created.createOffer(new RTCOfferOptions(), new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription offer) {
                created.setLocalDescription(offer, done(() -> {
                    if (!signals.send("offer", Map.of("sdp", offer.sdp))) {
                        fail("no link to " + peer + " to signal through");
                    }
                }));
            }

            @Override
            public void onFailure(String error) {
                fail("libwebrtc could not create an offer: " + error);
            }
        });
    }

    /** The peer's answer. */
    void answer(String sdp) {
        remoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, sdp), () -> {
        });
    }

    /** Fails the dial, naming why, unless it completed already; the session ends. */
    void fail(String why) {
        if (dialed.completeExceptionally(new TransportException(WebRtcTransport.ID, address, Phase.CONNECT, why))) {
            ended.run();
        }
    }

    private void channelOpened() {
        PeerLink link = link();
        if (!dialed.complete(link)) {
            link.close(CloseCodes.GOING_AWAY, "the dial was given up");
        }
    }

    @Override
    public void onConnectionChange(RTCPeerConnectionState state) {
        if (state == RTCPeerConnectionState.FAILED) {
            fail("ICE failed: no candidate pair reached " + peer);
        }
        super.onConnectionChange(state);
    }

    /** The peer opens no channels of its own in a session this node offered; one it opens anyway is closed. */
    @Override
    public void onDataChannel(RTCDataChannel channel) {
        channel.close();
    }
}
