package io.kadmesh.diagnostics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A server on 127.0.0.1 that answers each connection with a script of its own: the misbehaving
 * endpoints a diagnosis must name. It reads the request's head and hands the script the socket.
 */
final class FakeServer implements AutoCloseable {

    /** What the server does with one connection, after reading the request's head. */
    @FunctionalInterface
    interface Script {
        void answer(Socket socket, String key) throws IOException;
    }

    private final ServerSocket server;
    private final List<Socket> accepted = new ArrayList<>();

    FakeServer(Script script) throws IOException {
        this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), script);
    }

    FakeServer(ServerSocket server, Script script) {
        this.server = server;
        Thread thread = new Thread(() -> serve(script), "fake-server");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve(Script script) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                synchronized (accepted) {
                    accepted.add(socket);
                }
                script.answer(socket, readKey(socket));
            } catch (IOException e) {
                return;
            }
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

    /** Answers the upgrade with a correct 101. */
    static void switchProtocols(Socket socket, String key) throws IOException {
        write(socket, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + WebSocketOpening.accept(key) + "\r\n\r\n");
    }

    /** Sends one unmasked text frame, as a server does. */
    static void sendText(Socket socket, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(0x81);
        if (payload.length < 126) {
            out.write(payload.length);
        } else {
            out.write(126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        }
        out.write(payload);
        out.flush();
    }

    static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
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
