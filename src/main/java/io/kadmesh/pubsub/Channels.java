package io.kadmesh.pubsub;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.lookup.LookupResult;
import io.kadmesh.dht.node.DhtNode;
import io.kadmesh.dht.storage.KeyOwnedException;
import io.kadmesh.spi.transport.Failures;

/**
 * Creates channels on one node: a channel is created once, by the first node whose record reaches its
 * key; creating it again, on any node, answers the channel that record holds ({@code docs/pubsub.md}).
 */
public final class Channels {

    private final DhtNode dht;
    private final Clock clock;

    public Channels(DhtNode dht, Clock clock) {
        this.dht = Objects.requireNonNull(dht, "dht must be set");
        this.clock = Objects.requireNonNull(clock, "clock must be set");
    }

    /** A channel, and whether this call created it. */
    public record Creation(Channel channel, boolean created) {
    }

    /**
     * The channel {@code name}: the one a node created already, found by a value lookup of its key, or a
     * new one, whose record this node signs and claims the key with, through the nodes that lookup
     * found nearest the key ({@link DhtNode#claim}). Of two nodes creating it at once, the one whose
     * record reached the node closest to the key first wins, and the other answers the winner's
     * channel. Fails with a {@link ChannelConflictException} when the key holds a record that is not
     * this channel's.
     */
    public CompletableFuture<Creation> create(ChannelName name) {
        return dht.findValue(name.key()).thenCompose(lookup -> {
            Channel found = channelIn(name, lookup);
            return found != null ? CompletableFuture.completedFuture(new Creation(found, false))
                    : claim(name, lookup.closest());
        });
    }

    /** Claims the key of {@code name} with a new record, through the nodes {@code nearest} it. */
    private CompletableFuture<Creation> claim(ChannelName name, List<Contact> nearest) {
        Instant createdAt = clock.instant();
        return dht.claim(name.key(), ChannelRecord.valueOf(name, createdAt), nearest)
                .thenApply(replicas -> new Creation(new Channel(name, createdAt, dht.publisherId()), true))
                .exceptionallyCompose(failure -> Failures.cause(failure) instanceof KeyOwnedException
                        ? existing(name).thenApply(found -> new Creation(requireFound(name, found), false))
                        : CompletableFuture.failedFuture(Failures.cause(failure)));
    }

    /** The channel {@code name} as its record says, found by a value lookup; empty when nobody created it. */
    public CompletableFuture<Optional<Channel>> find(ChannelName name) {
        return existing(name).thenApply(Optional::ofNullable);
    }

    private CompletableFuture<Channel> existing(ChannelName name) {
        return dht.findValue(name.key()).thenApply(result -> channelIn(name, result));
    }

    /** The channel the record {@code lookup} found holds; null when it found none. */
    private static Channel channelIn(ChannelName name, LookupResult lookup) {
        return lookup.record().map(record -> ChannelRecord.read(name, record)).orElse(null);
    }

    private static Channel requireFound(ChannelName name, Channel found) {
        if (found == null) {
            throw new IllegalStateException("channel '" + name + "' is held by another creator, whose record could"
                    + " not be read back; try again");
        }
        return found;
    }
}
