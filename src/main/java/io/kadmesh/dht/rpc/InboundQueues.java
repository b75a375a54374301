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
 * The frames shed because their link had too many waiting are counted per link until taken. Called
 * from transport threads and the event loop alike.
 */
final class InboundQueues {

    private final int maxQueued;
    private final Map<PeerLink, Deque<String>> waiting = new IdentityHashMap<>();
    private final Deque<PeerLink> turns = new ArrayDeque<>();
    private Map<PeerLink, Integer> shed = new IdentityHashMap<>();
    /**
     * The last queue a link emptied, for the next link that has a frame: most links hold one frame
     * at a time, and would otherwise cost a queue per frame.
     */
    private Deque<String> emptied;

    InboundQueues(int maxQueued) {
        this.maxQueued = maxQueued;
    }

    /**
     * Queues {@code frame} of {@code link} and answers 0; when the link has the most waiting already,
     * queues nothing, counts the frame as shed, and answers how many of the link's frames are shed so
     * far (this one included) since the last {@link #takeShed}.
     */
    synchronized int offer(PeerLink link, String frame) {
        Deque<String> frames = waiting.get(link);
        if (frames == null) {
            frames = emptied != null ? emptied : new ArrayDeque<>();
            emptied = null;
            waiting.put(link, frames);
        }
        if (frames.size() >= maxQueued) {
            return shed.merge(link, 1, Integer::sum);
        }
        frames.add(frame);
        if (frames.size() == 1) {
            turns.add(link);
        }
        return 0;
    }

    /** The links that have frames waiting, in a set of their own (the caller may add to it). */
    synchronized Set<PeerLink> linksWaiting() {
        Set<PeerLink> links = Collections.newSetFromMap(new IdentityHashMap<>());
        links.addAll(waiting.keySet());
        return links;
    }

    /** The next frame in turn, or null when none waits. */
    synchronized Waiting next() {
        PeerLink link = turns.poll();
        if (link == null) {
            return null;
        }
        Deque<String> frames = waiting.get(link);
        String frame = frames.poll();
        if (frames.isEmpty()) {
            waiting.remove(link);
            emptied = frames;
        } else {
            turns.add(link);
        }
        return new Waiting(link, frame);
    }

    /** The frames shed per link since the last call; the count starts again from none. */
    synchronized Map<PeerLink, Integer> takeShed() {
        if (shed.isEmpty()) {
            return Map.of();
        }
        Map<PeerLink, Integer> taken = shed;
        shed = new IdentityHashMap<>();
        return taken;
    }

    /** A frame and the link it came on. */
    record Waiting(PeerLink link, String frame) {
    }
}
