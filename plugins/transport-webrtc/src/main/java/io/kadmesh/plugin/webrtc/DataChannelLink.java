package io.kadmesh.plugin.webrtc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

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
 * One DataChannel as a link: its text messages are the frames. The channel's callbacks come one at a
 * time on libwebrtc's network thread, so the handler hears of the link in order: open, frames, close.
 * A DataChannel has no close code, so a side that closes first sends a close frame ({@link CloseFrame});
 * a binary message ends the link: the protocol is text only.
 */
final class DataChannelLink implements PeerLink, RTCDataChannelObserver {

    private static final Logger LOG = Logger.getLogger(DataChannelLink.class);

    private final RTCDataChannel channel;
    private final String remote;
    private final Direction direction;
    private final LinkHandler handler;
    private final Runnable onOpen;
    private final Runnable ended;
    private final AtomicBoolean opened = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** {@code onOpen} runs right after the handler has heard the link open; {@code ended} once it has closed. */
    DataChannelLink(RTCDataChannel channel, String remote, Direction direction, LinkHandler handler, Runnable onOpen,
            Runnable ended) {
        this.channel = channel;
        this.remote = remote;
        this.direction = direction;
        this.handler = handler;
        this.onOpen = onOpen;
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
        return direction;
    }

    @Override
    public CompletionStage<Void> send(String frame) {
        if (!isOpen()) {
            return CompletableFuture.failedFuture(new TransportException(WebRtcTransport.ID, remote, Phase.SEND,
                    "the DataChannel is closed"));
        }
        try {
            write(frame);
            return CompletableFuture.completedFuture(null);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(new TransportException(WebRtcTransport.ID, remote, Phase.SEND,
                    "the DataChannel refused the frame: " + e.getMessage(), e));
        }
    }

    private void write(String frame) throws Exception {
        channel.send(new RTCDataChannelBuffer(ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8)), false));
    }

    @Override
    public boolean isOpen() {
        return !closed.get() && channel.getState() == RTCDataChannelState.OPEN;
    }

    /** Whether the channel has opened at some point. */
    boolean wasOpened() {
        return opened.get();
    }

    /** Tells the peer {@code code} and {@code reason} in a close frame, then closes the channel. */
    @Override
    public void close(int code, String reason) {
        if (isOpen()) {
            try {
                write(CloseFrame.of(code, reason));
            } catch (Exception e) {
                // the channel is going anyway; the peer learns only that it closed
            }
        }
        channel.close();
        end(code, reason);
    }

    @Override
    public void onStateChange() {
        RTCDataChannelState state = channel.getState();
        if (state == RTCDataChannelState.OPEN && opened.compareAndSet(false, true)) {
            LOG.infof("DataChannel %s %s open", direction == Direction.INBOUND ? "from" : "to", remote);
            handler.onOpen(this);
            onOpen.run();
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
        String frame = new String(bytes, StandardCharsets.UTF_8);
        if (CloseFrame.isClose(frame)) {
            CloseFrame.Read close = CloseFrame.read(frame);
            channel.close();
            end(close.code(), close.reason());
        } else if (!closed.get()) {
            handler.onFrame(this, frame);
        }
    }

    @Override
    public void onBufferedAmountChange(long previousAmount) {
    }

    private void end(int code, String reason) {
        if (closed.compareAndSet(false, true)) {
            if (opened.get()) {
                LOG.infof("DataChannel with %s closed: %d %s", remote, code, reason);
                handler.onClose(this, code, reason);
            }
            ended.run();
        }
    }

    @Override
    public String toString() {
        return "webrtc link " + remote + " (" + direction.name().toLowerCase() + ")";
    }
}
