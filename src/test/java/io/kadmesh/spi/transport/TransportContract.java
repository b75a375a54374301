package io.kadmesh.spi.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.kadmesh.spi.transport.PeerLink.Direction;

/**
 * What every {@link Transport} must do, whatever carries its frames: one suite that each transport
 * runs by extending this class, as Netty and jvm-libp2p test their transports. A subclass supplies a
 * transport that listens, one that dials it (they may be the same), an address where nothing
 * listens, and a way to let time pass: real time for sockets, virtual time for an in-memory network.
 * A test that dials waits until the listener has its end too, so that no link of one test reaches the
 * listener of the next.
 */
public abstract class TransportContract {

    private static final int FRAMES = 100;

    /** What the listening side was told. */
    protected final Events listenerSide = new Events();
    /** What the dialing side was told. */
    protected final Events dialerSide = new Events();

    /** The transport that listens, at {@link #listeningAddress()}; it listens once, until closed. */
    protected abstract Transport listener();

    /** The transport that dials; may be {@link #listener()} itself. */
    protected abstract Transport dialer();

    /** Where {@link #listener()} takes links. */
    protected abstract String listeningAddress();

    /** An address of this transport's kind where nothing listens. */
    protected abstract String missingAddress();

    /** Lets the transports run until {@code condition} holds; fails the test with {@code what} after a bound. */
    protected abstract void await(String what, BooleanSupplier condition);

    @BeforeEach
    void listenBeforeDialing() {
        listener().listen(listenerSide);
    }

    @AfterEach
    void closeTransports() {
        listener().close();
        dialer().close();
    }

    @Test
    void aSecondListenIsRefused() {
        assertThrows(IllegalStateException.class, () -> listener().listen(new Events()));
    }

    @Test
    void aDialOpensALinkAtBothEnds() {
        PeerLink outbound = dial();
        PeerLink inbound = listenerSide.awaitOnlyLink();

        assertEquals(Direction.OUTBOUND, outbound.direction());
        assertEquals(listeningAddress(), outbound.remoteAddress());
        assertEquals(dialer().id(), outbound.transportId());
        assertEquals(Direction.INBOUND, inbound.direction());
        assertEquals(listener().id(), inbound.transportId());
        assertTrue(outbound.isOpen() && inbound.isOpen());
    }

    @Test
    void theDialersHandlerHearsOfTheLinkBeforeTheDialCompletes() {
        CompletableFuture<List<String>> seenAtCompletion = dialer().dial(listeningAddress(), dialerSide)
                .toCompletableFuture().thenApply(link -> dialerSide.events());

        assertEquals("open", result(seenAtCompletion).get(0));
        listenerSide.awaitOnlyLink();
    }

    @Test
    void framesTravelBothWaysInOrderAfterOnOpen() {
        PeerLink outbound = dial();
        PeerLink inbound = listenerSide.awaitOnlyLink();
        List<String> frames = IntStream.range(0, FRAMES).mapToObj(i -> "{\"n\":" + i + "}").toList();

        frames.forEach(outbound::send);
        frames.forEach(inbound::send);
        await(FRAMES + " frames at each end", () -> listenerSide.frames().size() == FRAMES
                && dialerSide.frames().size() == FRAMES);

        assertEquals(frames, listenerSide.frames());
        assertEquals(frames, dialerSide.frames());
        assertEquals("open", listenerSide.events().get(0));
        assertEquals("open", dialerSide.events().get(0));
    }

    @Test
    void theCloseCodeAndReasonReachThePeer() {
        PeerLink outbound = dial();
        listenerSide.awaitOnlyLink();

        outbound.close(CloseCodes.NORMAL_CLOSURE, "done with you");

        await("the close at the listener", () -> !listenerSide.closes().isEmpty());
        assertEquals(List.of(CloseCodes.NORMAL_CLOSURE + " done with you"), listenerSide.closes());
    }

    @Test
    void theListenersCloseReachesTheDialer() {
        dial();
        listenerSide.awaitOnlyLink().close(CloseCodes.POLICY_VIOLATION, "go away");

        await("the close at the dialer", () -> !dialerSide.closes().isEmpty());
        assertEquals(List.of(CloseCodes.POLICY_VIOLATION + " go away"), dialerSide.closes());
    }

    @Test
    void aDialWhereNothingListensFailsNamingItsPhase() {
        String missing = missingAddress();
        CompletionStage<PeerLink> dial = dialer().dial(missing, dialerSide);

        TransportException failure = failure(dial);

        assertTrue(Set.of(Phase.DNS, Phase.CONNECT).contains(failure.phase()), failure.getMessage());
        assertEquals(missing, failure.peer());
        assertEquals(dialer().id(), failure.transportId());
        assertEquals(List.of(), dialerSide.events(), "no link, so nothing to tell the handler");
    }

    @Test
    void aSendAfterCloseFailsInTheSendPhase() {
        PeerLink outbound = dial();
        listenerSide.awaitOnlyLink();
        outbound.close(CloseCodes.NORMAL_CLOSURE, "done");
        await("the link to close", () -> !outbound.isOpen());

        TransportException failure = failure(outbound.send("{}"));

        assertEquals(Phase.SEND, failure.phase());
        assertEquals(dialer().id(), failure.transportId());
    }

    @Test
    void closingTheTransportEndsItsLinksAsGoingAway() {
        dial();
        listenerSide.awaitOnlyLink();

        listener().close();

        await("the close at the dialer", () -> !dialerSide.closes().isEmpty());
        assertEquals(CloseCodes.GOING_AWAY, dialerSide.closeCodes().get(0));
    }

    /** Dials {@link #listeningAddress()} with {@link #dialerSide} and waits for the link. */
    protected PeerLink dial() {
        return result(dialer().dial(listeningAddress(), dialerSide));
    }

    /** The value of {@code stage}, once the transports have completed it. */
    protected <T> T result(CompletionStage<T> stage) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        await("the stage to complete", future::isDone);
        try {
            return future.join();
        } catch (CompletionException e) {
            return fail("expected success, got " + e.getCause(), e.getCause());
        }
    }

    /** The transport failure of {@code stage}, once the transports have failed it. */
    protected TransportException failure(CompletionStage<?> stage) {
        CompletableFuture<?> future = stage.toCompletableFuture();
        await("the stage to fail", future::isDone);
        try {
            return fail("expected a failure, got " + future.join());
        } catch (CompletionException e) {
            return assertInstanceOf(TransportException.class, e.getCause());
        }
    }

    /** A handler that writes down, in order and from any thread, what it is told. */
    protected final class Events implements LinkHandler {

        private final List<String> events = new ArrayList<>();
        private final List<PeerLink> links = new ArrayList<>();
        private final List<String> frames = new ArrayList<>();
        private final List<String> closes = new ArrayList<>();
        private final List<Integer> closeCodes = new ArrayList<>();

        @Override
        public synchronized void onOpen(PeerLink link) {
            events.add("open");
            links.add(link);
        }

        @Override
        public synchronized void onFrame(PeerLink link, String frame) {
            events.add("frame");
            frames.add(frame);
        }

        @Override
        public synchronized void onClose(PeerLink link, int code, String reason) {
            events.add("close");
            closes.add(code + " " + reason);
            closeCodes.add(code);
        }

        /** Everything so far: {@code open}, {@code frame} and {@code close}, in order. */
        public synchronized List<String> events() {
            return List.copyOf(events);
        }

        /** Frames so far. */
        public synchronized List<String> frames() {
            return List.copyOf(frames);
        }

        /** Closes so far, as {@code "<code> <reason>"}. */
        public synchronized List<String> closes() {
            return List.copyOf(closes);
        }

        /** Close codes so far. */
        public synchronized List<Integer> closeCodes() {
            return List.copyOf(closeCodes);
        }

        /** The one link opened here, once it has. */
        public PeerLink awaitOnlyLink() {
            await("a link to open", () -> linkCount() > 0);
            synchronized (this) {
                assertEquals(1, links.size(), "links opened: " + links);
                return links.get(0);
            }
        }

        private synchronized int linkCount() {
            return links.size();
        }
    }
}
