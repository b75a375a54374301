package io.kadmesh.localnet;

/** What a node process is started as: the value of {@code kadmesh.role}. */
public enum NodeRole {
    /** A full DHT node that also onboards new nodes on WebSocket {@code /bootstrap}. */
    BOOTSTRAP("bootstrap"),
    /** A full DHT node that joins through the bootstraps. */
    NODE("node");

    private final String property;

    NodeRole(String property) {
        this.property = property;
    }

    /** The role as {@code kadmesh.role} spells it. */
    public String property() {
        return property;
    }
}
