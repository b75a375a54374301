package io.kadmesh.localnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;

/** Ports on 127.0.0.1: free ones for new nodes, and whether one accepts connections yet. */
public final class LoopbackPorts {

    /** The only address local networks use. */
    public static final InetAddress LOOPBACK = ipv4Loopback();

    private static final int CONNECT_TIMEOUT_MILLIS = 200;

    private LoopbackPorts() {
    }

    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress("127.0.0.1", new byte[] { 127, 0, 0, 1 });
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    /**
     * A port that was free a moment ago: bound on 127.0.0.1 with port 0, then closed. Another
     * process may take it before the node binds it; on a developer machine that is rare.
     */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK.getHostAddress(), e);
        }
    }

    /** Whether something accepts TCP connections on {@code port} of 127.0.0.1. */
    public static boolean accepting(int port) {
        NodeSpec.requirePort(port);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
