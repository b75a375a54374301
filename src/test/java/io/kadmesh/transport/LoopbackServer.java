package io.kadmesh.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import io.kadmesh.testing.FakeServer;

/**
 * A misbehaving peer on 127.0.0.1 at a free port, written with plain sockets so that it does exactly
 * what a test needs and nothing more: accept and stay silent, answer the upgrade with a page, or
 * upgrade and then say nothing or something wrong. It holds every connection open until closed.
 */
final class LoopbackServer implements AutoCloseable {

    /** The GUID RFC 6455 appends to the client's key to prove an upgrade was understood. */
    private static final int MAX_REQUEST_BYTES = 16 * 1024;

    private final ServerSocket socket;
    private final Behaviour behaviour;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    private LoopbackServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::acceptAll, "loopback-server-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** What the server does with one accepted connection. */
    @FunctionalInterface
    interface Behaviour {
        void serve(InputStream in, OutputStream out) throws IOException;
    }

    /** Accepts connections and never reads or writes a byte. */
    static LoopbackServer silent() throws IOException {
        return new LoopbackServer((in, out) -> {
        });
    }

    /** Reads the upgrade request and answers {@code 200 OK} with {@code body} as HTML. */
    static LoopbackServer page(String body) throws IOException {
        return new LoopbackServer((in, out) -> {
            readRequest(in);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + bytes.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        });
    }

    /** Accepts the WebSocket upgrade, sends {@code frames} as text frames, then stays silent. */
    static LoopbackServer upgrading(String... frames) throws IOException {
        return new LoopbackServer((in, out) -> {
            String key = header(readRequest(in), "sec-websocket-key");
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + FakeServer.acceptKey(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String frame : frames) {
                FakeServer.writeText(out, frame);
            }
            out.flush();
        });
    }

    /** A port on 127.0.0.1 where nothing listens: bound, then closed at once. */
    static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return probe.getLocalPort();
        }
    }

    /** {@code <scheme>://127.0.0.1:<port>/dht}. */
    String url(String scheme) {
        return scheme + "://127.0.0.1:" + socket.getLocalPort() + "/dht";
    }

    /** Stops accepting and drops every connection. */
    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket connection : accepted) {
            connection.close();
        }
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                accepted.add(connection);
                behaviour.serve(connection.getInputStream(), connection.getOutputStream());
            } catch (IOException closedOrDropped) {
                // The test closed the server, or the client left: either way this connection is done.
            }
        }
    }

    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        while (request.size() < MAX_REQUEST_BYTES) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            request.write(b);
            if (request.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return request.toString(StandardCharsets.ISO_8859_1);
    }

    private static String header(String request, String name) {
        for (String line : request.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        throw new IllegalStateException("the upgrade request has no " + name + " header: " + request);
    }
}
