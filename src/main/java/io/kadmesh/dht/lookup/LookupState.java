package io.kadmesh.dht.lookup;

/** Where a lookup stands with one candidate contact. */
public enum LookupState {
    /** Known from a response or the routing table; not asked yet. */
    HEARD,
    /** Asked; the answer is pending. */
    WAITING,
    /** Asked and answered. */
    QUERIED,
    /** Asked, and it failed or timed out; left out of the result. */
    UNREACHABLE
}
