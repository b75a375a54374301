package io.kadmesh.dht.rpc;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import io.kadmesh.spi.transport.PeerLink;

/**
 * The frames that wait for the node's event loop, one bounded queue per link, taken in turn: the
 * loop reads one frame of each link that has any before a second of any, so a flooding link delays
 * another link's frame by one frame at most, and holds at most {@code maxQueued} frames waiting.
 * Called from transport threads and the event loop alike.
 */
final class InboundQueues {

    private final int maxQueued;
    private final Map<PeerLink, Deque<String>> waiting = new IdentityHashMap<>();
    private final Deque<PeerLink> turns = new ArrayDeque<>();

    InboundQueues(int maxQueued) {
        this.maxQueued = maxQueued;
    }

    /** Queues {@code frame} of {@code link}; false, queuing nothing, when the link has the most waiting already. */
    synchronized boolean offer(PeerLink link, String frame) {
        Deque<String> frames = waiting.computeIfAbsent(link, ignored -> new ArrayDeque<>());
        if (frames.size() >= maxQueued) {
            return false;
        }
        frames.add(frame);
        if (frames.size() == 1) {
            turns.add(link);
        }
        return true;
    }

    /** The links that have frames waiting, in a set of their own (the caller may add to it). */
    synchronized Set<PeerLink> linksWaiting() {
        Set<PeerLink> links = Collections.newSetFromMap(new IdentityHashMap<>());
        links.addAll(waiting.keySet());
        return links;
    }

    /** The next frame in turn, or null when none waits; call once for every frame offered. */
    synchronized Waiting next() {
        PeerLink link = turns.poll();
        if (link == null) {
            return null;
        }
        Deque<String> frames = waiting.get(link);
        String frame = frames.poll();
        if (frames.isEmpty()) {
            waiting.remove(link);
        } else {
            turns.add(link);
        }
        return new Waiting(link, frame);
    }

    /** A frame and the link it came on. */
    record Waiting(PeerLink link, String frame) {
    }
}
