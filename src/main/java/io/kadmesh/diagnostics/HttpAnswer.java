package io.kadmesh.diagnostics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.kadmesh.spi.transport.UpgradeAnswer;

/**
 * The head of an HTTP answer and the start of its body, read from a socket byte by byte so that
 * nothing past the head is consumed before the WebSocket's frames.
 *
 * @param status the status code
 * @param headers the headers, names in lowercase (the last of a repeated one)
 * @param body up to {@value #BODY_BYTES} bytes of the body, as UTF-8, for an answer other than 101
 */
record HttpAnswer(int status, Map<String, String> headers, String body) {

    /** The longest head read. */
    static final int HEAD_BYTES = 16 * 1024;
    /** How much of a body is read. */
    static final int BODY_BYTES = 2048;
    /** How long a body without a length is read: what came by then is enough to judge it. */
    static final int BODY_WAIT_MILLIS = 250;

    /** The bytes that came back are not an HTTP answer. */
    static final class NotHttp extends Exception {
        private static final long serialVersionUID = 1L;

        NotHttp(String message) {
            super(message, null, false, false);
        }
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Reads an answer, waiting at most {@code waitMillis} for its head.
     *
     * @throws SocketTimeoutException when the head did not come in time
     * @throws NotHttp when what came is not an HTTP answer
     */
    static HttpAnswer read(InputStream in, Socket socket, int waitMillis) throws IOException, NotHttp {
        socket.setSoTimeout(waitMillis);
        String head = head(in);
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/") || !statusLine[1].matches("\\d{3}")) {
            throw new NotHttp("the server did not answer in HTTP: its first line is "
                    + UpgradeAnswer.excerpt(lines[0]));
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        int status = Integer.parseInt(statusLine[1]);
        socket.setSoTimeout(Math.min(waitMillis, BODY_WAIT_MILLIS));
        String body = status == 101 ? "" : body(in, headers);
        return new HttpAnswer(status, Map.copyOf(headers), body);
    }

    private static String head(InputStream in) throws IOException, NotHttp {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new NotHttp(head.size() == 0
                        ? "the connection closed without an HTTP answer: the port does not speak HTTP, or it expects TLS"
                        : "the connection closed inside the HTTP answer's head");
            }
            if (head.size() == HEAD_BYTES) {
                throw new NotHttp("the HTTP answer's head is longer than " + HEAD_BYTES + " bytes");
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Up to {@value #BODY_BYTES} bytes of the body: what its length says, or what comes before the wait runs out. */
    private static String body(InputStream in, Map<String, String> headers) throws IOException {
        int wanted = BODY_BYTES;
        String length = headers.get("content-length");
        if (length != null && length.matches("\\d{1,9}")) {
            wanted = Math.min(wanted, Integer.parseInt(length));
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            while (body.size() < wanted) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                body.write(b);
            }
        } catch (SocketTimeoutException enough) {
            // A body without a length, still open: what came is enough to judge it.
        }
        String text = body.toString(StandardCharsets.UTF_8);
        return "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? text.replaceFirst("^[0-9a-fA-F]+\r\n", "") : text;
    }
}
