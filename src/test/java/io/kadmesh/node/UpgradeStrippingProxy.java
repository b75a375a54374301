package io.kadmesh.node;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An HTTP proxy on 127.0.0.1 that forwards each connection to a port on 127.0.0.1 but drops the
 * {@code Upgrade} and {@code Connection} headers of the request, as a proxy set up for plain HTTP does.
 */
final class UpgradeStrippingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int target;

    UpgradeStrippingProxy(int target) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        Thread thread = new Thread(this::serve, "stripping-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                upstream.getOutputStream().write(strippedHead(client.getInputStream()));
                pipe(upstream.getInputStream(), client.getOutputStream(), client);
                pipe(client.getInputStream(), upstream.getOutputStream(), upstream);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static byte[] strippedHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String kept = head.toString(StandardCharsets.ISO_8859_1).lines().filter(line -> {
            String name = line.toLowerCase(Locale.ROOT);
            return !name.startsWith("upgrade:") && !name.startsWith("connection:");
        }).collect(Collectors.joining("\r\n", "", "\r\n"));
        return kept.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void pipe(InputStream from, OutputStream to, Socket closeWhenDone) {
        Thread thread = new Thread(() -> {
            try (closeWhenDone) {
                from.transferTo(to);
            } catch (IOException ended) {
                // One side closed; the other follows.
            }
        }, "stripping-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
