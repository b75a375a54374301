package io.kadmesh.testing;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.kadmesh.spi.transport.PeerLink;

/**
 * An open outbound link that takes every frame and delivers none, for tests that need a link to
 * exist rather than to carry anything. Links compare by identity, as real links do.
 */
public final class IdleLink implements PeerLink {

    private final String transportId;
    private final String remoteAddress;
    private final Optional<String> peerId;

    /** A link of {@code transportId} to {@code remoteAddress}, authenticated as {@code peerId} when present. */
    public IdleLink(String transportId, String remoteAddress, Optional<String> peerId) {
        this.transportId = Objects.requireNonNull(transportId, "transportId must be set");
        this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress must be set");
        this.peerId = Objects.requireNonNull(peerId, "peerId must be set");
    }

    @Override
    public String transportId() {
        return transportId;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public Direction direction() {
        return Direction.OUTBOUND;
    }

    @Override
    public Optional<String> peerId() {
        return peerId;
    }

    @Override
    public CompletionStage<Void> send(String frame) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close(int code, String reason) {
    }

    @Override
    public String toString() {
        return "link to " + peerId.orElse(remoteAddress);
    }
}
