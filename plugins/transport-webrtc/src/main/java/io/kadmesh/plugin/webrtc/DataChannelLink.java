package io.kadmesh.plugin.webrtc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.TransportException;

/**
 * One DataChannel a browser opened to this node, as a link: its text messages are the frames. The
 * channel's callbacks come one at a time on libwebrtc's network thread, so the handler hears of the
 * link in order: open, frames, close. A binary message ends the link: the protocol is text only.
 */
final class DataChannelLink implements PeerLink, RTCDataChannelObserver {

    private final RTCDataChannel channel;
    private final String remote;
    private final LinkHandler handler;
    private final Runnable ended;
    private final AtomicBoolean opened = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    DataChannelLink(RTCDataChannel channel, String remote, LinkHandler handler, Runnable ended) {
        this.channel = channel;
        this.remote = remote;
        this.handler = handler;
        this.ended = ended;
    }

    /** Starts hearing the channel; tells the handler at once when it is open already. */
    void attach() {
        channel.registerObserver(this);
        onStateChange();
    }

    @Override
    public String transportId() {
        return WebRtcTransport.ID;
    }

    @Override
    public String remoteAddress() {
        return remote;
    }

    @Override
    public Direction direction() {
        return Direction.INBOUND;
    }

    @Override
    public CompletionStage<Void> send(String frame) {
        if (!isOpen()) {
            return CompletableFuture.failedFuture(new TransportException(WebRtcTransport.ID, remote, Phase.SEND,
                    "the DataChannel is closed"));
        }
        try {
            channel.send(new RTCDataChannelBuffer(ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8)), false));
            return CompletableFuture.completedFuture(null);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(new TransportException(WebRtcTransport.ID, remote, Phase.SEND,
                    "the DataChannel refused the frame: " + e.getMessage(), e));
        }
    }

    @Override
    public boolean isOpen() {
        return !closed.get() && channel.getState() == RTCDataChannelState.OPEN;
    }

    /** Closes the channel; a DataChannel carries no close code, so the peer learns only that it closed. */
    @Override
    public void close(int code, String reason) {
        channel.close();
        end(code, reason);
    }

    @Override
    public void onStateChange() {
        RTCDataChannelState state = channel.getState();
        if (state == RTCDataChannelState.OPEN && opened.compareAndSet(false, true)) {
            handler.onOpen(this);
        } else if (state == RTCDataChannelState.CLOSED) {
            end(CloseCodes.GOING_AWAY, "the DataChannel closed");
        }
    }

    @Override
    public void onMessage(RTCDataChannelBuffer buffer) {
        if (buffer.binary) {
            close(CloseCodes.UNSUPPORTED_DATA, "binary frames are not supported");
            return;
        }
        ByteBuffer data = buffer.data;
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        if (!closed.get()) {
            handler.onFrame(this, new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void onBufferedAmountChange(long previousAmount) {
    }

    private void end(int code, String reason) {
        if (closed.compareAndSet(false, true)) {
            if (opened.get()) {
                handler.onClose(this, code, reason);
            }
            ended.run();
        }
    }

    @Override
    public String toString() {
        return "webrtc link " + remote;
    }
}
