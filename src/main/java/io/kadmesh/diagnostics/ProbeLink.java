package io.kadmesh.diagnostics;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.kadmesh.dht.Scheduler;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.spi.transport.TransportException;

/**
 * An upgraded {@link ProbeSocket} as the node's transport SPI sees a link, so that the diagnosis runs
 * the node's own handshake code over it ({@link io.kadmesh.transport.handshake.HandshakeTransport}).
 * A thread of its own reads the server's frames and hands them on, in order.
 */
final class ProbeLink implements PeerLink {

    private final ProbeSocket socket;
    private final String address;
    private final AtomicInteger framesReceived = new AtomicInteger();

    ProbeLink(ProbeSocket socket, String address) {
        this.socket = socket;
        this.address = address;
    }

    /** How many text frames the server has sent. */
    int framesReceived() {
        return framesReceived.get();
    }

    /** The one-link transport whose dial hands out this link. */
    Transport transport() {
        return new Transport() {
            @Override
            public String id() {
                return "websocket";
            }

            @Override
            public boolean supports(String ignored) {
                return true;
            }

            @Override
            public void listen(LinkHandler handler) {
                throw new UnsupportedOperationException("a diagnosis only dials");
            }

            @Override
            public CompletionStage<PeerLink> dial(String ignored, LinkHandler handler) {
                handler.onOpen(ProbeLink.this);
                startReading(handler);
                return CompletableFuture.completedFuture(ProbeLink.this);
            }

            @Override
            public void close() {
                ProbeLink.this.close(1001, "diagnosis done");
            }
        };
    }

    private void startReading(LinkHandler handler) {
        Thread reader = new Thread(() -> read(handler), "kadmesh-diagnose-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(LinkHandler handler) {
        while (true) {
            ProbeSocket.Frame frame;
            try {
                frame = socket.read(0);
            } catch (IOException e) {
                socket.close();
                handler.onClose(this, 1002, e.getMessage());
                return;
            }
            if (frame instanceof ProbeSocket.Text text) {
                framesReceived.incrementAndGet();
                handler.onFrame(this, text.text());
            } else {
                ProbeSocket.Close close = (ProbeSocket.Close) frame;
                socket.close();
                handler.onClose(this, close.code(), close.reason());
                return;
            }
        }
    }

    @Override
    public String transportId() {
        return "websocket";
    }

    @Override
    public String remoteAddress() {
        return address;
    }

    @Override
    public Direction direction() {
        return Direction.OUTBOUND;
    }

    @Override
    public CompletionStage<Void> send(String frame) {
        try {
            socket.sendText(frame);
            return CompletableFuture.completedFuture(null);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new TransportException("websocket", address, Phase.SEND, e.getMessage(), e));
        }
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void close(int code, String reason) {
        socket.close(code, reason);
    }

    /** The timers of one diagnosis's handshakes: a daemon thread, ended with {@link #close()}. */
    static final class Timers implements Scheduler, AutoCloseable {

        private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "kadmesh-diagnose-timers");
            thread.setDaemon(true);
            return thread;
        });

        @Override
        public void execute(Runnable task) {
            executor.execute(task);
        }

        @Override
        public Timer schedule(Duration delay, Runnable task) {
            var future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        }

        @Override
        public void close() {
            executor.shutdownNow();
        }
    }
}
