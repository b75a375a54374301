package io.kadmesh.dht.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;

/**
 * The nearest contacts to a target among those offered, at most {@code limit}, nearest first. Keeps
 * only those: a contact farther than the farthest kept in a full selection costs one comparison, so
 * choosing the k nearest of a few hundred does not sort the few hundred. Each kept contact's leading
 * 64 bits of distance sit in an array beside it, so that the search for a place reads that array, and
 * only equal leading bits, which random ids almost never have, call for the ids themselves. Ids offered
 * must be distinct.
 */
final class NearestContacts {

    private static final int INITIAL_CAPACITY = 64;

    private final NodeId target;
    private final int limit;
    private Contact[] nearest;
    /** {@code keys[i]} is the leading distance of {@code nearest[i]} to the target. */
    private long[] keys;
    private int size;

    NearestContacts(NodeId target, int limit) {
        this.target = target;
        this.limit = limit;
        this.nearest = new Contact[Math.min(limit, INITIAL_CAPACITY)];
        this.keys = new long[nearest.length];
    }

    /** Whether {@code limit} contacts are kept, so that only nearer ones can still enter. */
    boolean isFull() {
        return size == limit;
    }

    /** {@link NodeId#leadingBits()} of the target. */
    long targetLeadingBits() {
        return target.leadingBits();
    }

    /**
     * Keeps {@code contact} if it is among the {@code limit} nearest offered so far. {@code key} is
     * its leading distance to the target ({@link NodeId#leadingDistance}), which the caller keeps
     * beside it: a contact that is not kept is turned away without reading its id.
     */
    void offer(Contact contact, long key) {
        if (isFull() && (limit == 0 || compare(key, contact, size - 1) > 0)) {
            return;
        }
        int position = insertionPoint(key, contact);
        if (size == nearest.length && !isFull()) {
            int capacity = Math.min(limit, 2 * nearest.length);
            nearest = Arrays.copyOf(nearest, capacity);
            keys = Arrays.copyOf(keys, capacity);
        }
        int moved = isFull() ? size - 1 - position : size - position;
        System.arraycopy(nearest, position, nearest, position + 1, moved);
        System.arraycopy(keys, position, keys, position + 1, moved);
        nearest[position] = contact;
        keys[position] = key;
        if (!isFull()) {
            size++;
        }
    }

    /** Where {@code contact}, of leading distance {@code key}, goes among those kept: after every nearer one. */
    private int insertionPoint(long key, Contact contact) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (compare(key, contact, middle) > 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Compares the distance of {@code contact}, of leading distance {@code key}, with the kept one at {@code index}. */
    private int compare(long key, Contact contact, int index) {
        int byLeadingBits = Long.compareUnsigned(key, keys[index]);
        return byLeadingBits != 0 ? byLeadingBits : target.compareDistance(contact.id(), nearest[index].id());
    }

    /** The contacts kept, nearest first. */
    List<Contact> toList() {
        List<Contact> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(nearest[i]);
        }
        return list;
    }
}
