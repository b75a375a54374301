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

    void received(PeerLink link, String frame) {
        links.put(link, of(link).received(Utf8.length(frame), clock.millis()));
    }

    void sent(PeerLink link, String frame) {
        links.put(link, of(link).sent(Utf8.length(frame), clock.millis()));
    }

    /** The traffic of {@code link}; none, since now, for a link not seen before. */
    LinkTraffic of(PeerLink link) {
        return links.computeIfAbsent(link, ignored -> LinkTraffic.none(clock.millis()));
    }

    void forget(PeerLink link) {
        links.remove(link);
    }
}
