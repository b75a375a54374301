package io.kadmesh.signaling;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.kadmesh.transport.handshake.AuthenticatedLink;

/**
 * The links browsers hold to this node, by browser id. A browser may hold more than one for a moment
 * (two dialed at once, before the node closes the duplicate): any open one reaches it, and it is gone
 * only when its last one closes. Safe from any thread.
 */
final class BrowserLinks {

    private final Map<String, List<AuthenticatedLink>> byBrowser = new ConcurrentHashMap<>();

    void add(String browser, AuthenticatedLink link) {
        byBrowser.computeIfAbsent(browser, any -> new CopyOnWriteArrayList<>()).add(link);
    }

    /** Forgets {@code link}; returns whether it was the browser's last. */
    boolean remove(String browser, AuthenticatedLink link) {
        boolean[] last = new boolean[1];
        byBrowser.computeIfPresent(browser, (id, links) -> {
            links.remove(link);
            last[0] = links.isEmpty();
            return links.isEmpty() ? null : links;
        });
        return last[0];
    }

    /** An open link to {@code browser}, or null when it has none. */
    AuthenticatedLink open(String browser) {
        List<AuthenticatedLink> links = byBrowser.get(browser);
        if (links != null) {
            for (AuthenticatedLink link : links) {
                if (link.isOpen()) {
                    return link;
                }
            }
        }
        return null;
    }
}
