package io.kadmesh.transport.handshake;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts the inbound handshakes in progress, in total and per source host, and admits a new inbound
 * link only within {@link InboundLimits}. One lock; it is taken once when a link opens and once when
 * its handshake ends, never per frame.
 */
final class Admission {

    private final InboundLimits limits;
    private final Map<String, Integer> perSource = new HashMap<>();
    private int inProgress;

    Admission(InboundLimits limits) {
        this.limits = limits;
    }

    /**
     * Admits a link from {@code source} while {@code openLinks} inbound links are open, counting its
     * handshake; returns null, or the close reason when a limit is reached.
     */
    synchronized String admit(String source, int openLinks) {
        if (openLinks >= limits.maxLinks()) {
            return "too many inbound links (limit " + limits.maxLinks() + ")";
        }
        if (inProgress >= limits.maxHandshakes()) {
            return "too many handshakes in progress (limit " + limits.maxHandshakes() + ")";
        }
        int fromSource = perSource.getOrDefault(source, 0);
        if (fromSource >= limits.maxHandshakesPerSource()) {
            return "too many handshakes in progress from " + printable(source) + " (limit "
                    + limits.maxHandshakesPerSource() + ")";
        }
        perSource.put(source, fromSource + 1);
        inProgress++;
        return null;
    }

    /** The handshake of an admitted link from {@code source} has ended, verified or not. */
    synchronized void settled(String source) {
        perSource.computeIfPresent(source, (host, count) -> count == 1 ? null : count - 1);
        inProgress--;
    }

    /** Handshakes in progress. */
    synchronized int inProgress() {
        return inProgress;
    }

    /** The source as a close reason may carry it: short ASCII. */
    private static String printable(String source) {
        String cut = source.length() > 48 ? source.substring(0, 48) : source;
        return cut.replaceAll("[^\\x21-\\x7e]", "?");
    }
}
