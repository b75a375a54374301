package io.kadmesh.diagnostics;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import io.kadmesh.spi.transport.UpgradeAnswer;

/**
 * Opens a WebSocket to an endpoint one step at a time, DNS, TCP, TLS, the HTTP upgrade and its 101,
 * timing each and naming the first that fails. It writes the upgrade request and reads the answer
 * itself, so that an answer other than 101 is seen whole: its status, headers and the start of its body.
 */
final class WebSocketOpening {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom KEYS = new SecureRandom();

    private final Endpoint endpoint;
    private final Bounds bounds;
    private final long deadline;
    private final List<StepResult> steps;

    WebSocketOpening(Endpoint endpoint, Bounds bounds, long deadline, List<StepResult> steps) {
        this.endpoint = endpoint;
        this.bounds = bounds;
        this.deadline = deadline;
        this.steps = steps;
    }

    /** The open WebSocket; each step's result is added to the list, the failed one last. */
    ProbeSocket open() throws StepFailure {
        InetAddress address = resolve();
        Socket socket = connect(address);
        try {
            Socket secured = endpoint.tls() ? secure(socket) : skipTls(socket);
            InputStream in = new BufferedInputStream(secured.getInputStream());
            upgrade(secured, in);
            return new ProbeSocket(secured, in);
        } catch (StepFailure | IOException | RuntimeException failure) {
            closeQuietly(socket);
            if (failure instanceof StepFailure stepFailure) {
                throw stepFailure;
            }
            throw fail(Step.UPGRADE, System.nanoTime(), "the connection failed: " + failure, "run the diagnosis again");
        }
    }

    private InetAddress resolve() throws StepFailure {
        long start = System.nanoTime();
        String host = endpoint.host();
        CompletableFuture<InetAddress> lookup = CompletableFuture.supplyAsync(() -> {
            try {
                return InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            InetAddress address = lookup.get(bounds.waitMillis(deadline), TimeUnit.MILLISECONDS);
            steps.add(StepResult.passed(Step.DNS, start, address.getHostAddress()));
            return address;
        } catch (TimeoutException e) {
            throw fail(Step.DNS, start, "no answer from the resolver for " + host + " within " + waited(start),
                    "check the resolver this machine uses (/etc/resolv.conf, the cluster's DNS)");
        } catch (ExecutionException e) {
            throw fail(Step.DNS, start, "unknown host " + host + ": the name does not resolve",
                    "check the host name in the URL, or the DNS record it should have");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(Step.DNS, start, "interrupted", "run the diagnosis again");
        }
    }

    private Socket connect(InetAddress address) throws StepFailure {
        long start = System.nanoTime();
        String hostPort = address.getHostAddress() + ":" + endpoint.port();
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address, endpoint.port()), bounds.waitMillis(deadline));
            steps.add(StepResult.passed(Step.TCP, start, hostPort));
            return socket;
        } catch (ConnectException e) {
            closeQuietly(socket);
            if (e.getMessage() != null && e.getMessage().toLowerCase().contains("refused")) {
                throw fail(Step.TCP, start, "connection refused: nothing listens on " + hostPort,
                        "start the node, or check the port in the URL against quarkus.http.port and any"
                                + " Service or port-forward in front of it");
            }
            throw fail(Step.TCP, start, "cannot connect to " + hostPort + ": " + e.getMessage(),
                    "check that the host is up and a route leads to it");
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw fail(Step.TCP, start, "no answer from " + hostPort + " within " + waited(start)
                    + ": the host is down, or a firewall drops the packets", "check the host and any firewall on the way");
        } catch (NoRouteToHostException e) {
            closeQuietly(socket);
            throw fail(Step.TCP, start, "no route to " + address.getHostAddress(), "check the host and the network");
        } catch (IOException e) {
            closeQuietly(socket);
            throw fail(Step.TCP, start, "cannot connect to " + hostPort + ": " + e.getMessage(),
                    "check the host and the network");
        }
    }

    private Socket skipTls(Socket socket) {
        steps.add(StepResult.skipped(Step.TLS, "ws:// takes no TLS"));
        return socket;
    }

    private Socket secure(Socket socket) throws StepFailure {
        long start = System.nanoTime();
        try {
            SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket,
                    endpoint.host(), endpoint.port(), true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.setSoTimeout(bounds.waitMillis(deadline));
            tls.startHandshake();
            steps.add(StepResult.passed(Step.TLS, start, tls.getSession().getProtocol() + ", certificate of "
                    + tls.getSession().getPeerPrincipal().getName()));
            return tls;
        } catch (SocketTimeoutException e) {
            throw fail(Step.TLS, start, "no TLS answer within " + waited(start)
                    + ": the port may not speak TLS, so try ws:// instead of wss://", "check the URL's scheme");
        } catch (IOException e) {
            TlsFailures.Verdict verdict = TlsFailures.judge(e, endpoint);
            throw fail(Step.TLS, start, verdict.cause(), verdict.next());
        }
    }

    /** Sends the upgrade and checks its answer. */
    private void upgrade(Socket socket, InputStream in) throws StepFailure, IOException {
        long start = System.nanoTime();
        String key = Base64.getEncoder().encodeToString(KEYS.generateSeed(16));
        String request = "GET " + endpoint.target() + " HTTP/1.1\r\n" + "Host: " + endpoint.url().getRawAuthority()
                + "\r\n" + "Upgrade: websocket\r\n" + "Connection: Upgrade\r\n" + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n" + "User-Agent: kadmesh-diagnose\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        HttpAnswer answer;
        try {
            answer = HttpAnswer.read(in, socket, bounds.waitMillis(deadline));
        } catch (SocketTimeoutException e) {
            throw fail(Step.UPGRADE, start, "no answer to the WebSocket upgrade within " + waited(start)
                    + ": the port accepted the connection but does not answer HTTP, or a proxy stalls",
                    "check what listens on the port, and any proxy in front of the node");
        } catch (HttpAnswer.NotHttp e) {
            throw fail(Step.UPGRADE, start, e.getMessage(), endpoint.tls() ? "check what listens on the port"
                    : "if the server takes TLS, dial wss:// instead of ws://; else check what listens on the port");
        }
        if (answer.status() != 101) {
            UpgradeAnswer judged = new UpgradeAnswer(answer.status(), answer.header("content-type"),
                    answer.header("location"), answer.body());
            throw fail(Step.UPGRADE, start, judged.describe() + " (at " + endpoint.target() + ")", nextStep(judged));
        }
        steps.add(StepResult.passed(Step.UPGRADE, start, "101 Switching Protocols"));
        checkAccept(answer, key);
    }

    private void checkAccept(HttpAnswer answer, String key) throws StepFailure {
        long start = System.nanoTime();
        String expected = accept(key);
        String upgrade = answer.header("upgrade");
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")
                || !expected.equals(answer.header("sec-websocket-accept"))) {
            throw fail(Step.OPEN, start, "the server answered 101 but not as a WebSocket server would (Upgrade "
                    + upgrade + ", Sec-WebSocket-Accept " + answer.header("sec-websocket-accept") + ", expected " + expected
                    + "): a proxy or server that does not speak WebSocket", "check what answers on this path");
        }
        steps.add(StepResult.passed(Step.OPEN, start, "Sec-WebSocket-Accept matches"));
    }

    private String nextStep(UpgradeAnswer answer) {
        if (answer.likelyCause().equals(UpgradeAnswer.PROXY_STRIPS_UPGRADE)) {
            return "let the proxy in front of the node pass the Upgrade and Connection headers on";
        }
        if (answer.status() / 100 == 2 || answer.status() == 404) {
            return "dial " + endpoint.role().path() + " on a Kadmesh server (this path is " + endpoint.target() + ")";
        }
        return "check the URL and any proxy in front of the node";
    }

    static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private StepFailure fail(Step step, long start, String cause, String next) {
        steps.add(StepResult.failed(step, start, cause));
        return new StepFailure(step, cause, next);
    }

    private static String waited(long start) {
        return (System.nanoTime() - start) / 1_000_000 + " ms";
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing more to do with it.
        }
    }
}
