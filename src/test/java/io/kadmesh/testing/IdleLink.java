package io.kadmesh.testing;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.kadmesh.spi.transport.PeerLink;

/**
 * An open link that takes every frame and delivers none, for tests that need a link to exist rather
 * than to carry anything: outbound unless made {@link #inbound}. Links compare by identity, as real
 * links do.
 */
public final class IdleLink implements PeerLink {

    private final String transportId;
    private final String remoteAddress;
    private final Optional<String> peerId;
    private final Direction direction;

    /** A link of {@code transportId} to {@code remoteAddress}, authenticated as {@code peerId} when present. */
    public IdleLink(String transportId, String remoteAddress, Optional<String> peerId) {
        this(transportId, remoteAddress, peerId, Direction.OUTBOUND);
    }

    private IdleLink(String transportId, String remoteAddress, Optional<String> peerId, Direction direction) {
        this.transportId = Objects.requireNonNull(transportId, "transportId must be set");
        this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress must be set");
        this.peerId = Objects.requireNonNull(peerId, "peerId must be set");
        this.direction = direction;
    }

    /** A link that the peer {@code peerId} dialed, from {@code remoteAddress}. */
    public static IdleLink inbound(String transportId, String remoteAddress, String peerId) {
        return new IdleLink(transportId, remoteAddress, Optional.of(peerId), Direction.INBOUND);
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
        return direction;
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
