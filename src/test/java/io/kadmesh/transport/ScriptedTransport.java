package io.kadmesh.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.spi.transport.TransportException;
import io.kadmesh.spi.transport.TransportStatus;
import io.kadmesh.testing.IdleLink;

/**
 * A fake plugin for tests of the layers above plugins: every dial is counted and answered by a
 * script, which may fail it, leave it pending for the test to finish, or open a link. Thread-safe,
 * as guards call it from their own threads.
 */
final class ScriptedTransport implements Transport {

    /** The id of every scripted transport. */
    static final String ID = "scripted";

    private final AtomicInteger attempts = new AtomicInteger();
    private final List<CompletableFuture<PeerLink>> pending = new ArrayList<>();
    private volatile Function<String, CompletableFuture<PeerLink>> script = address -> new CompletableFuture<>();
    private final String scheme;
    private final Duration dialDeadline;
    private volatile TransportStatus status = TransportStatus.AVAILABLE;

    ScriptedTransport(String scheme, Duration dialDeadline) {
        this.scheme = scheme;
        this.dialDeadline = dialDeadline;
    }

    ScriptedTransport() {
        this("ws://", Duration.ZERO);
    }

    /** Answers every dial from now on with what {@code script} returns for its address. */
    ScriptedTransport answering(Function<String, CompletableFuture<PeerLink>> script) {
        this.script = script;
        return this;
    }

    /** Reports itself unavailable for {@code reason}. */
    ScriptedTransport unavailable(String reason) {
        status = TransportStatus.unavailable(reason);
        return this;
    }

    /** Fails every dial from now on in {@code phase}. */
    ScriptedTransport failing(Phase phase) {
        return answering(address -> CompletableFuture.failedFuture(failure(address, phase)));
    }

    /** Opens a link on every dial from now on. */
    ScriptedTransport opening() {
        return answering(address -> CompletableFuture.completedFuture(idleLink(address)));
    }

    /** Leaves every dial from now on pending until {@link #openPending} finishes it. */
    ScriptedTransport stalling() {
        return answering(address -> new CompletableFuture<>());
    }

    /** The error a dial to {@code address} fails with in {@code phase}. */
    static TransportException failure(String address, Phase phase) {
        return new TransportException(ID, address, phase, "scripted " + phase.name().toLowerCase() + " failure");
    }

    /** Dials that reached this transport. */
    int attempts() {
        return attempts.get();
    }

    /** Dials waiting here for {@link #openPending}. */
    int pendingCount() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /** Opens the oldest dial still pending; false when there is none. */
    boolean openPending() {
        CompletableFuture<PeerLink> oldest;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return false;
            }
            oldest = pending.remove(0);
        }
        return oldest.complete(idleLink("ws://pending"));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean supports(String address) {
        return address.startsWith(scheme);
    }

    @Override
    public TransportStatus status() {
        return status;
    }

    @Override
    public Duration dialDeadline() {
        return dialDeadline;
    }

    @Override
    public void listen(LinkHandler handler) {
    }

    @Override
    public CompletionStage<PeerLink> dial(String address, LinkHandler handler) {
        attempts.incrementAndGet();
        CompletableFuture<PeerLink> dial = script.apply(address);
        if (!dial.isDone()) {
            synchronized (pending) {
                pending.add(dial);
            }
        }
        return dial;
    }

    @Override
    public void close() {
    }

    /** An open link to {@code address} that takes every frame and goes nowhere. */
    static PeerLink idleLink(String address) {
        return new IdleLink(ID, address, Optional.empty());
    }
}
