package io.kadmesh.dht.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;

/**
 * The nearest contacts to a target among those offered, at most {@code limit}, nearest first. Keeps
 * only those: a contact farther than the farthest kept in a full selection costs one comparison, so
 * choosing the k nearest of a few hundred does not sort the few hundred. Ids offered must be distinct.
 */
final class NearestContacts {

    private static final int INITIAL_CAPACITY = 64;

    private final NodeId target;
    private final int limit;
    private Contact[] nearest;
    private int size;

    NearestContacts(NodeId target, int limit) {
        this.target = target;
        this.limit = limit;
        this.nearest = new Contact[Math.min(limit, INITIAL_CAPACITY)];
    }

    /** Whether {@code limit} contacts are kept, so that only nearer ones can still enter. */
    boolean isFull() {
        return size == limit;
    }

    /** Keeps {@code contact} if it is among the {@code limit} nearest offered so far. */
    void offer(Contact contact) {
        if (isFull() && (limit == 0 || compare(contact, nearest[size - 1]) > 0)) {
            return;
        }
        int position = insertionPoint(contact);
        if (size == nearest.length && !isFull()) {
            nearest = Arrays.copyOf(nearest, Math.min(limit, 2 * nearest.length));
        }
        int moved = isFull() ? size - 1 - position : size - position;
        System.arraycopy(nearest, position, nearest, position + 1, moved);
        nearest[position] = contact;
        if (!isFull()) {
            size++;
        }
    }

    /** Where {@code contact} goes among those kept: after every nearer one. */
    private int insertionPoint(Contact contact) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (compare(nearest[middle], contact) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private int compare(Contact a, Contact b) {
        return target.compareDistance(a.id(), b.id());
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
