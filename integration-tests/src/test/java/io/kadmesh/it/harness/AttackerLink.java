package io.kadmesh.it.harness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.it.harness.HandshakeScript.Hello;

/**
 * A peer that holds a real Ed25519 key, dials a node over the JDK's WebSocket client, performs the
 * version-2 hello handshake as the dialer by hand ({@link HandshakeScript}), and may then send
 * anything: text or binary frames. What the node sends and how it closes the link arrive as
 * {@link Event}s, in order.
 */
public final class AttackerLink implements WebSocket.Listener {

    /** Something the node did on the link: a text frame, or the close (code and reason). */
    public record Event(String frame, int closeCode, String closeReason) {

        /** Whether this is the close of the link. */
        public boolean isClose() {
            return frame == null;
        }

        @Override
        public String toString() {
            return isClose() ? "close " + closeCode + " '" + closeReason + "'" : frame;
        }
    }

    /** The longest text fragment sent. */
    public static final int FRAGMENT_CHARS = 16 * 1024;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private Hello peerHello;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

    private AttackerLink() {
    }

    /**
     * Dials {@code url} as {@code identity}, advertising {@code address}, and completes the handshake;
     * fails when it does not finish within {@code timeout}.
     */
    public static AttackerLink open(HttpClient client, String url, NodeIdentity identity, String address,
            Duration timeout) throws Exception {
        AttackerLink link = new AttackerLink();
        link.socket = client.newWebSocketBuilder().connectTimeout(timeout).buildAsync(URI.create(url), link)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        link.sendText(HandshakeScript.hello(2, identity.id().toHex(), identity.publicKey(), nonce, address));
        Hello nodeHello = Hello.parse(link.expectFrame(timeout, "the node's hello"));
        link.peerHello = nodeHello;
        link.sendText(HandshakeScript.honestAck(identity, nonce, nodeHello));
        String ack = link.expectFrame(timeout, "the node's hello_ack");
        HandshakeScript.signatureOf(ack);
        return link;
    }

    private String expectFrame(Duration timeout, String what) throws InterruptedException {
        Event event = next(timeout.toMillis());
        if (event == null || event.isClose()) {
            throw new IllegalStateException("expected " + what + ", got " + (event == null ? "nothing" : event));
        }
        return event.frame();
    }

    /** The hello the node sent: its id, key and address. */
    public Hello peerHello() {
        return peerHello;
    }

    /** The next event, or null when none comes within {@code millis}. */
    public Event next(long millis) throws InterruptedException {
        return events.poll(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Sends one text message after the previous send completed, as the JDK's WebSocket requires. A
     * message longer than {@link #FRAGMENT_CHARS} goes out in fragments of at most that many
     * characters (so at most 48 KiB of UTF-8 each), a legal split that any WebSocket server
     * reassembles; one frame of that size is the frame-limit test's business, not the fuzz's.
     */
    public synchronized CompletableFuture<?> sendText(String message) {
        int start = 0;
        do {
            int end = Math.min(message.length(), start + FRAGMENT_CHARS);
            if (end < message.length() && Character.isHighSurrogate(message.charAt(end - 1))) {
                end--;
            }
            String part = message.substring(start, end);
            boolean last = end == message.length();
            lastSend = lastSend.handle((ignored, failure) -> null).thenCompose(ready -> socket.sendText(part, last));
            start = end;
        } while (start < message.length());
        return lastSend;
    }

    /** Sends one binary frame, in order with the text frames. */
    public synchronized CompletableFuture<?> sendBinary(byte[] data) {
        lastSend = lastSend.handle((ignored, failure) -> null)
                .thenCompose(ready -> socket.sendBinary(ByteBuffer.wrap(data), true));
        return lastSend;
    }

    /** Ends the link from this side, without waiting. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void onOpen(WebSocket opened) {
        opened.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket from, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            events.add(new Event(partial.toString(), 0, null));
            partial.setLength(0);
        }
        from.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket from, int code, String reason) {
        events.add(new Event(null, code, reason));
        return null;
    }

    @Override
    public void onError(WebSocket from, Throwable error) {
        events.add(new Event(null, 1006, "dropped: " + error));
    }
}
