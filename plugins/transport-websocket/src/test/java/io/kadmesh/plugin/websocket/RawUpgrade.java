package io.kadmesh.plugin.websocket;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A WebSocket upgrade request written by hand over a plain socket, and the status it is answered with. */
final class RawUpgrade {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final int READ_TIMEOUT_MILLIS = 20_000;

    private RawUpgrade() {
    }

    /**
     * The status of the answer to an upgrade of {@code path} on 127.0.0.1:{@code port}, with {@code extraHeaders} (CRLF-ended
     * lines).
     */
    static int status(int port, String path, String extraHeaders) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Sec-WebSocket-Key: " + KEY + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + extraHeaders
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }
}
