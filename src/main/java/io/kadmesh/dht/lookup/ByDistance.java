package io.kadmesh.dht.lookup;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.kadmesh.dht.NodeId;

/**
 * Values keyed by distinct ids, found by id in constant time and listed in order of the ids' XOR
 * distance to a target, nearest first: a lookup's candidates. A lookup hears most contacts again and
 * again, from one reply after another; each time costs one hash lookup, and only a new id is placed
 * in order, by a binary search over the leading 64 bits of the distances, kept in an array of their
 * own. Not thread-safe.
 *
 * @param <V> the values
 */
final class ByDistance<V> {

    private static final int INITIAL_CAPACITY = 64;

    private final NodeId target;
    private final Map<NodeId, V> byId = new HashMap<>();
    private NodeId[] ids = new NodeId[INITIAL_CAPACITY];
    private long[] keys = new long[INITIAL_CAPACITY];
    private Object[] values = new Object[INITIAL_CAPACITY];
    private int size;

    /** An empty collection ordered by distance to {@code target}. */
    ByDistance(NodeId target) {
        this.target = target;
    }

    /** The value of {@code id}, or null when it has none. */
    V get(NodeId id) {
        return byId.get(id);
    }

    /** Adds {@code value} for {@code id}, which must have none yet, at its place by distance. */
    void add(NodeId id, V value) {
        if (byId.putIfAbsent(id, value) != null) {
            throw new IllegalArgumentException("id " + id + " is already held");
        }
        if (size == ids.length) {
            int capacity = 2 * size;
            ids = Arrays.copyOf(ids, capacity);
            keys = Arrays.copyOf(keys, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        long key = target.leadingDistance(id);
        int position = insertionPoint(key, id);
        int moved = size - position;
        System.arraycopy(ids, position, ids, position + 1, moved);
        System.arraycopy(keys, position, keys, position + 1, moved);
        System.arraycopy(values, position, values, position + 1, moved);
        ids[position] = id;
        keys[position] = key;
        values[position] = value;
        size++;
    }

    /** How many ids it holds. */
    int size() {
        return size;
    }

    /** The value of the {@code index}th nearest id, 0 being the nearest. */
    @SuppressWarnings("unchecked")
    V valueAt(int index) {
        if (index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return (V) values[index];
    }

    /** The place of an id of leading distance {@code key}: after every nearer id. */
    private int insertionPoint(long key, NodeId id) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            int byLeadingBits = Long.compareUnsigned(key, keys[middle]);
            int comparison = byLeadingBits != 0 ? byLeadingBits : target.compareDistance(id, ids[middle]);
            if (comparison > 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
