package io.kadmesh.localnet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Ports on 127.0.0.1: free ones for new nodes, and whether one accepts connections yet. */
public final class LoopbackPorts {

    /** The only address local networks use. */
    public static final InetAddress LOOPBACK = ipv4Loopback();

    private static final int CONNECT_TIMEOUT_MILLIS = 200;
    /** First port {@link #free()} chooses from. */
    static final int FIRST_PORT = 20_000;
    /** Last port {@link #free()} chooses from, just below Linux's default range for outgoing connections. */
    static final int LAST_PORT = 32_767;
    private static final int MAX_ATTEMPTS = 1_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

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
     * A port that was free a moment ago, chosen at random in {@value #FIRST_PORT}..{@value #LAST_PORT}
     * and bound on 127.0.0.1 to check, then closed. That range lies below the ports operating systems
     * hand out to outgoing connections by default (Linux from 32768, Windows and macOS from 49152), so
     * the nodes' own connections cannot take the port before the node binds it, as they could with a
     * port the system picked (a node of a busy local network once failed to start that way). A port is
     * handed out once per JVM.
     */
    public static int free() {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST_PORT, LAST_PORT + 1);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port on " + LOOPBACK.getHostAddress() + " in " + FIRST_PORT + ".."
                + LAST_PORT + " after " + MAX_ATTEMPTS + " attempts");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(LOOPBACK, port), 1);
            return true;
        } catch (IOException e) {
            return false;
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
