package io.kadmesh.plugin.websocket;

import java.util.Objects;

/** The address an inbound link reports: {@code ws://<host>:<port>} of the remote socket. */
final class InboundAddress {

    private InboundAddress() {
    }

    /**
     * Turns a socket address as WebSockets Next gives it, {@code 127.0.0.1:50312} or
     * {@code 0:0:0:0:0:0:0:1:50312}, into {@code ws://127.0.0.1:50312} or {@code ws://[0:0:0:0:0:0:0:1]:50312}.
     */
    static String of(String socketAddress) {
        Objects.requireNonNull(socketAddress, "socketAddress must be set");
        int lastColon = socketAddress.lastIndexOf(':');
        if (lastColon <= 0) {
            return "ws://" + socketAddress;
        }
        String host = socketAddress.substring(0, lastColon);
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "ws://" + host + socketAddress.substring(lastColon);
    }
}
