package io.kadmesh.pubsub;

import java.util.Iterator;
import java.util.LinkedHashSet;

/** The last {@code capacity} message ids seen, to drop repeats by: a message delivered twice is seen once. */
final class RecentIds {

    private final int capacity;
    private final LinkedHashSet<String> ids = new LinkedHashSet<>();

    RecentIds(int capacity) {
        this.capacity = capacity;
    }

    /** Whether {@code id} was seen. */
    boolean contains(String id) {
        return ids.contains(id);
    }

    /** Notes {@code id}; false when it was seen already. */
    boolean firstSight(String id) {
        if (!ids.add(id)) {
            return false;
        }
        if (ids.size() > capacity) {
            Iterator<String> oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }
}
