package io.kadmesh.signaling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which pairs of browsers relay through this node: a pair relays once both have asked for it, each
 * naming the other, and stops when either closes it or loses its link. A browser may ask for at most
 * {@value #MAX_PER_BROWSER} peers at once. One lock; it is taken per relayed frame only to read.
 */
final class RelaySessions {

    /** Most peers one browser may ask to relay with at once. */
    static final int MAX_PER_BROWSER = 8;

    private final Map<String, Set<String>> asked = new HashMap<>();

    /** Outcome of a request to relay. */
    enum Opened {
        /** Both have asked: the pair relays now. */
        READY,
        /** The other has not asked yet. */
        WAITING,
        /** The asker has asked for too many peers. */
        FULL
    }

    /** {@code browser} asks to relay with {@code peer}. */
    synchronized Opened open(String browser, String peer) {
        Set<String> peers = asked.computeIfAbsent(browser, any -> new HashSet<>());
        if (!peers.contains(peer) && peers.size() >= MAX_PER_BROWSER) {
            return Opened.FULL;
        }
        peers.add(peer);
        return relays(browser, peer) ? Opened.READY : Opened.WAITING;
    }

    /** Whether {@code from} and {@code to} have both asked to relay with each other. */
    synchronized boolean relays(String from, String to) {
        return asked.getOrDefault(from, Set.of()).contains(to) && asked.getOrDefault(to, Set.of()).contains(from);
    }

    /** {@code browser} no longer relays with {@code peer}; returns whether the pair relayed until now. */
    synchronized boolean close(String browser, String peer) {
        boolean relayed = relays(browser, peer);
        Set<String> peers = asked.get(browser);
        if (peers != null) {
            peers.remove(peer);
            if (peers.isEmpty()) {
                asked.remove(browser);
            }
        }
        return relayed;
    }

    /** The pairs that relay now, each as its two ids in order, in order. */
    synchronized List<List<String>> pairs() {
        List<List<String>> pairs = new ArrayList<>();
        asked.forEach((browser, peers) -> peers.stream().filter(peer -> browser.compareTo(peer) < 0)
                .filter(peer -> relays(browser, peer)).forEach(peer -> pairs.add(List.of(browser, peer))));
        pairs.sort(Comparator.comparing((List<String> pair) -> pair.get(0)).thenComparing(pair -> pair.get(1)));
        return pairs;
    }

    /** {@code browser} is gone: forgets every ask by it or for it; returns the peers it relayed with, which are told. */
    synchronized Set<String> forget(String browser) {
        Set<String> peers = asked.getOrDefault(browser, Set.of());
        Set<String> relayed = new HashSet<>();
        for (String peer : peers) {
            if (asked.getOrDefault(peer, Set.of()).contains(browser)) {
                relayed.add(peer);
            }
        }
        asked.remove(browser);
        asked.values().forEach(asks -> asks.remove(browser));
        asked.values().removeIf(Set::isEmpty);
        return relayed;
    }
}
