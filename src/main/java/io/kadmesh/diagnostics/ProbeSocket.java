package io.kadmesh.diagnostics;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The client side of an open WebSocket (RFC 6455) on a socket this package upgraded itself: masked
 * text frames out, the server's frames in, pings answered. Small on purpose: the diagnosis must see
 * every byte a node or a stranger sends, which a full client would hide.
 */
final class ProbeSocket implements AutoCloseable {

    /** The longest message read: a node's frames are at most 256 KiB. */
    static final int MAX_MESSAGE_BYTES = 1 << 20;

    private static final int TEXT = 0x1;
    private static final int CONTINUATION = 0x0;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;
    private static final SecureRandom MASKS = new SecureRandom();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private volatile boolean closed;

    /** What the server sent: a text message, or its close. */
    sealed interface Frame {
    }

    record Text(String text) implements Frame {
    }

    record Close(int code, String reason) implements Frame {
    }

    ProbeSocket(Socket socket, InputStream in) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
    }

    /** Sends one text frame. */
    void sendText(String text) throws IOException {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a close frame and closes the socket. */
    void close(int code, String reason) {
        if (closed) {
            return;
        }
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        ByteBuffer payload = ByteBuffer.allocate(2 + Math.min(text.length, 123)).putShort((short) code)
                .put(text, 0, Math.min(text.length, 123));
        try {
            send(CLOSE, payload.array());
        } catch (IOException alreadyGone) {
            // The server went first; nothing to tell it.
        }
        close();
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all that was wanted.
        }
    }

    boolean isOpen() {
        return !closed && !socket.isClosed();
    }

    /**
     * The next message or close, waiting at most {@code waitMillis} (0: no limit); pings are answered on
     * the way. A socket that ends without a close frame reads as close 1006.
     *
     * @throws SocketTimeoutException when nothing complete came in time
     */
    Frame read(int waitMillis) throws IOException {
        socket.setSoTimeout(waitMillis);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            int first;
            try {
                first = in.read();
            } catch (SocketTimeoutException timeout) {
                throw timeout;
            } catch (IOException lost) {
                return new Close(1006, "the connection was lost: " + lost.getMessage());
            }
            if (first < 0) {
                return new Close(1006, "the connection ended without a close frame");
            }
            int opcode = first & 0x0F;
            byte[] payload = payload();
            switch (opcode) {
                case PING -> send(PONG, payload);
                case PONG -> {
                    // Nothing asked for one.
                }
                case CLOSE -> {
                    return close(payload);
                }
                case TEXT, CONTINUATION -> {
                    if (message.size() + payload.length > MAX_MESSAGE_BYTES) {
                        throw new IOException("the server sent a message longer than " + MAX_MESSAGE_BYTES + " bytes");
                    }
                    message.write(payload);
                    if ((first & 0x80) != 0) {
                        return new Text(message.toString(StandardCharsets.UTF_8));
                    }
                }
                default -> throw new IOException("the server sent a frame of opcode " + opcode
                        + " (binary or unknown), which Kadmesh never sends");
            }
        }
    }

    private byte[] payload() throws IOException {
        int second = readByte();
        if ((second & 0x80) != 0) {
            throw new IOException("the server masked its frame, which a WebSocket server never does");
        }
        long length = second & 0x7F;
        if (length == 126) {
            length = (readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
        }
        if (length > MAX_MESSAGE_BYTES) {
            throw new IOException("the server sent a frame of " + length + " bytes, over " + MAX_MESSAGE_BYTES);
        }
        return in.readNBytes((int) length);
    }

    private int readByte() throws IOException {
        int value = in.read();
        if (value < 0) {
            throw new EOFException("the connection ended inside a frame");
        }
        return value;
    }

    private static Close close(byte[] payload) {
        if (payload.length < 2) {
            return new Close(1005, "");
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        return new Close(code, new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
    }

    private synchronized void send(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(0x80 | 127);
            frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        byte[] mask = new byte[4];
        MASKS.nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }
}
