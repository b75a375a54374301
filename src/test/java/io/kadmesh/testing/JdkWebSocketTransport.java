package io.kadmesh.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Transport;

/**
 * A dial-only WebSocket transport over the JDK's own client ({@code java.net.http}), independent of
 * the node's transport plugin: a test reaches the node under test from outside with it, so that
 * nothing the node does to its own transport (closing it, say) touches the test's side. Loopback
 * addresses only.
 */
public final class JdkWebSocketTransport implements Transport {

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final int fragmentChars;
    private volatile boolean reading = true;

    /** Sends every frame as one WebSocket message of one frame. */
    public JdkWebSocketTransport() {
        this(Integer.MAX_VALUE);
    }

    /**
     * Sends every frame as one WebSocket message cut into fragments of at most {@code fragmentChars}
     * characters each ({@code sendText} with {@code last=false} until the last one).
     */
    public JdkWebSocketTransport(int fragmentChars) {
        if (fragmentChars < 1) {
            throw new IllegalArgumentException("fragmentChars must be >= 1, got " + fragmentChars);
        }
        this.fragmentChars = fragmentChars;
    }

    /**
     * From now on, no link of this transport asks for more input: the JDK client stops reading its
     * socket, so what the far end writes piles up in the far end's buffers, as with a peer that never
     * reads.
     */
    public void stopReading() {
        reading = false;
    }

    @Override
    public String id() {
        return "jdk-websocket";
    }

    @Override
    public boolean supports(String address) {
        return address.startsWith("ws://127.");
    }

    @Override
    public void listen(LinkHandler handler) {
        throw new UnsupportedOperationException("this transport only dials");
    }

    @Override
    public CompletionStage<PeerLink> dial(String address, LinkHandler handler) {
        if (!supports(address)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("loopback ws:// only: " + address));
        }
        Link link = new Link(address, handler, this);
        links.add(link);
        return client.newWebSocketBuilder().buildAsync(URI.create(address), link).thenApply(socket -> link);
    }

    @Override
    public void close() {
        links.forEach(link -> link.close(1000, "test done"));
    }

    /** One client link: the JDK's listener on one side, the SPI's link on the other. */
    private static final class Link implements PeerLink, WebSocket.Listener {

        private final String address;
        private final LinkHandler handler;
        private final JdkWebSocketTransport transport;
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket socket;
        private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

        Link(String address, LinkHandler handler, JdkWebSocketTransport transport) {
            this.address = address;
            this.handler = handler;
            this.transport = transport;
        }

        @Override
        public void onOpen(WebSocket opened) {
            socket = opened;
            handler.onOpen(this);
            opened.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket from, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                handler.onFrame(this, frame);
            }
            if (transport.reading) {
                from.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket from, int code, String reason) {
            handler.onClose(this, code, reason);
            return null;
        }

        @Override
        public void onError(WebSocket from, Throwable error) {
            handler.onClose(this, 1006, "dropped: " + error);
        }

        @Override
        public String transportId() {
            return "jdk-websocket";
        }

        @Override
        public String remoteAddress() {
            return address;
        }

        @Override
        public Direction direction() {
            return Direction.OUTBOUND;
        }

        /** Sends after the previous send completed, as the JDK's WebSocket requires. */
        @Override
        public synchronized CompletionStage<Void> send(String frame) {
            CompletableFuture<Void> sent = lastSend.handle((ignored, failure) -> null)
                    .thenCompose(ready -> sendFragments(frame, 0)).thenApply(ignored -> null);
            lastSend = sent;
            return sent;
        }

        /** Sends {@code frame} from {@code from} on, one fragment after the other. */
        private CompletableFuture<WebSocket> sendFragments(String frame, int from) {
            int to = (int) Math.min(frame.length(), (long) from + transport.fragmentChars);
            boolean last = to == frame.length();
            CompletableFuture<WebSocket> sent = socket.sendText(frame.substring(from, to), last);
            return last ? sent : sent.thenCompose(ignored -> sendFragments(frame, to));
        }

        @Override
        public boolean isOpen() {
            return socket != null && !socket.isOutputClosed() && !socket.isInputClosed();
        }

        @Override
        public void close(int code, String reason) {
            if (socket != null && !socket.isOutputClosed()) {
                socket.sendClose(code, reason);
            }
        }
    }
}
