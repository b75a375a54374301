package io.kadmesh.spi.metrics;

/**
 * The kind of a peer-protocol frame, as a bounded set of tag values: the message types of
 * {@code docs/protocol.md}, signaling and relay frames (each kind under one name), {@link #INVALID}
 * for a frame that did not decode and {@link #OTHER} for a type this list does not name.
 */
public enum MessageType {
    /** A liveness request. */
    PING("ping"),
    /** The answer to a ping. */
    PONG("pong"),
    /** A request for the contacts closest to a target. */
    FIND_NODE("find_node"),
    /** The contacts that answer find_node (or find_value without a value). */
    NODES("nodes"),
    /** A request for the value under a key. */
    FIND_VALUE("find_value"),
    /** The value that answers find_value. */
    VALUE("value"),
    /** A request to store a record. */
    STORE("store"),
    /** The answer to a store. */
    STORED("stored"),
    /** A request to a service built over the DHT, such as pubsub. */
    SERVICE("service"),
    /** A service's answer. */
    SERVICE_REPLY("service_reply"),
    /** An error reply. */
    ERROR("error"),
    /** A WebRTC signaling frame a node passes between browsers, or answers: {@code signal}, {@code signal_error}. */
    SIGNAL("signal"),
    /** A frame of the relay between browsers: {@code relay_open}, {@code relay}, {@code relay_ready}, ... */
    RELAY("relay"),
    /** A frame that did not decode as a message. */
    INVALID("invalid"),
    /** A message of a type not listed here. */
    OTHER("other");

    private final String label;

    MessageType(String label) {
        this.label = label;
    }

    /** The tag value, the type's name on the wire: {@code find_node}. */
    public String label() {
        return label;
    }

    /**
     * The type whose wire name is {@code wireName}; {@link #INVALID} for null, {@link #OTHER} for a
     * name not listed. Allocates nothing.
     */
    public static MessageType ofWire(String wireName) {
        if (wireName == null) {
            return INVALID;
        }
        return switch (wireName) {
            case "ping" -> PING;
            case "pong" -> PONG;
            case "find_node" -> FIND_NODE;
            case "nodes" -> NODES;
            case "find_value" -> FIND_VALUE;
            case "value" -> VALUE;
            case "store" -> STORE;
            case "stored" -> STORED;
            case "service" -> SERVICE;
            case "service_reply" -> SERVICE_REPLY;
            case "error" -> ERROR;
            case "signal", "signal_error" -> SIGNAL;
            case "relay", "relay_open", "relay_close", "relay_ready", "relay_closed", "relay_error" -> RELAY;
            default -> OTHER;
        };
    }
}
