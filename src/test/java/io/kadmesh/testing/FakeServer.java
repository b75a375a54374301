package io.kadmesh.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import io.kadmesh.identity.NodeIdentity;

/**
 * A server on 127.0.0.1 that answers each connection with a script of its own: the misbehaving
 * endpoints a diagnosis must name. It reads the request's head and hands the script the socket. The
 * scripts a diagnosis meets most ({@link #webPage}, {@link #switchProtocols}, {@link #upgradeThenSay})
 * are here, for the diagnosis's own tests and for those of {@code kadmesh diagnose}.
 */
public final class FakeServer implements AutoCloseable {

    /** What the server does with one connection, after reading the request's head. */
    @FunctionalInterface
    public interface Script {
        void answer(Socket socket, String key) throws IOException;
    }

    /** The GUID RFC 6455 appends to the client's key; computed here, not taken from the code under test. */
    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final List<Socket> accepted = new ArrayList<>();

    /** Listens on 127.0.0.1 at a free port. */
    public FakeServer(Script script) throws IOException {
        this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), script);
    }

    /** Serves on {@code server}, for instance a TLS server socket. */
    public FakeServer(ServerSocket server, Script script) {
        this.server = server;
        Thread thread = new Thread(() -> serve(script), "fake-server");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Serves one connection after another until closed; a connection that fails ends alone. */
    private void serve(Script script) {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException closed) {
                return;
            }
            synchronized (accepted) {
                accepted.add(socket);
            }
            try {
                script.answer(socket, readKey(socket));
            } catch (IOException dropped) {
                // The client left, or refused the TLS handshake: the next connection is served all the same.
                closeQuietly(socket);
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // It is closed either way.
        }
    }

    /** Reads the request's head; returns its Sec-WebSocket-Key, or null. */
    private static String readKey(Socket socket) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1),
                1);
        String key = null;
        for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
            if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                key = line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return key;
    }

    /** Answers every request, the upgrade included, with {@code 200 OK} and {@code page} as HTML. */
    public static Script webPage(String page) {
        return (socket, key) -> write(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                + "Content-Length: " + page.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + page);
    }

    /** Accepts the WebSocket upgrade, sends {@code texts} as text frames, then stays silent. */
    public static Script upgradeThenSay(String... texts) {
        return (socket, key) -> {
            switchProtocols(socket, key);
            for (String text : texts) {
                sendText(socket, text);
            }
        };
    }

    /**
     * A node's hello as the wire carries it, speaking {@code protocolVersion}: a fresh identity's id and
     * key, which match, and a nonce.
     */
    public static String hello(int protocolVersion) {
        NodeIdentity identity = NodeIdentity.generate();
        return "{\"type\":\"hello\",\"protocolVersion\":" + protocolVersion + ",\"nodeId\":\"" + identity.id().toHex()
                + "\",\"publicKey\":\"" + Base64.getEncoder().encodeToString(identity.publicKey()) + "\",\"nonce\":\""
                + "A".repeat(43) + "=\",\"address\":\"ws://127.0.0.1:1/dht\"}";
    }

    /** Answers the upgrade with a correct 101, and then says nothing. */
    public static void switchProtocols(Socket socket, String key) throws IOException {
        write(socket, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + acceptKey(key) + "\r\n\r\n");
    }

    /** Sends one unmasked text frame, as a server does. */
    public static void sendText(Socket socket, String text) throws IOException {
        writeText(socket.getOutputStream(), text);
        socket.getOutputStream().flush();
    }

    /** Writes one unmasked, final text frame to {@code out}, as a server does; payloads under 64 KiB. */
    public static void writeText(OutputStream out, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        out.write(0x81);
        if (payload.length < 126) {
            out.write(payload.length);
        } else {
            out.write(126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        }
        out.write(payload);
    }

    /** Sends a close frame with {@code code} and {@code reason}, as a server that ends the link does. */
    public static void sendClose(Socket socket, int code, String reason) throws IOException {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(0x88);
        out.write(2 + text.length);
        out.write(code >>> 8);
        out.write(code & 0xFF);
        out.write(text);
        out.flush();
    }

    public static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** The {@code Sec-WebSocket-Accept} that answers the upgrade with {@code key}, worked out here from RFC 6455. */
    public static String acceptKey(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (accepted) {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
