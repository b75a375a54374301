package io.kadmesh.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import io.kadmesh.localnet.LoopbackPorts;

/**
 * An in-process HTTP server on 127.0.0.1 that answers every request with one canned status and
 * body, and records what it was asked.
 */
public final class StubNode implements AutoCloseable {

    /**
     * One request as the server saw it.
     *
     * @param method e.g. {@code GET}
     * @param rawPath the path as sent, percent-encoding kept
     * @param body the request body, empty when there was none
     */
    public record Request(String method, String rawPath, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = "{}";

    /** Starts it on a free port of 127.0.0.1, answering 200 {@code {}} until told otherwise. */
    public StubNode() throws IOException {
        server = HttpServer.create(new InetSocketAddress(LoopbackPorts.LOOPBACK, 0), 8);
        server.createContext("/", exchange -> {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    /** Answers every later request with {@code status} and {@code body}. */
    public StubNode answer(int newStatus, String newBody) {
        this.status = newStatus;
        this.body = newBody;
        return this;
    }

    /** Its base URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The last request it got. */
    public Request lastRequest() {
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
