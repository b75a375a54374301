package io.kadmesh.dht.rpc;

import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.Map;

import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Utf8;

/**
 * The traffic of every open link, counted in the bytes the frames take on the wire (UTF-8), from
 * the frames themselves: nothing is serialised twice to be measured. Confined to the node's
 * scheduler.
 */
final class Traffic {

    private final Clock clock;
    private final Map<PeerLink, LinkTraffic> links = new IdentityHashMap<>();

    Traffic(Clock clock) {
        this.clock = clock;
    }

    /** Counts {@code frame} received on {@code link}; returns its bytes. */
    long received(PeerLink link, String frame) {
        long bytes = Utf8.length(frame);
        links.put(link, of(link).received(bytes, clock.millis()));
        return bytes;
    }

    /**
     * Counts {@code frame} sent on {@code link}, a request of this node's own or an answer to the
     * peer's; returns its bytes.
     */
    long sent(PeerLink link, String frame, boolean request) {
        long bytes = Utf8.length(frame);
        links.put(link, of(link).sent(bytes, clock.millis(), request));
        return bytes;
    }

    /** The traffic of {@code link}; none, since now, for a link not seen before. */
    LinkTraffic of(PeerLink link) {
        return links.computeIfAbsent(link, ignored -> LinkTraffic.none(clock.millis()));
    }

    void forget(PeerLink link) {
        links.remove(link);
    }
}
