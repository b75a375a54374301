package io.kadmesh.spi.metrics;

/** How a request this node sent ended, as a bounded set of tag values. */
public enum RpcOutcome {
    /** The peer answered. */
    OK("ok"),
    /** The peer answered with an error, or with a reply that did not decode. */
    REMOTE_ERROR("remote_error"),
    /** Sent, and no answer in time. */
    TIMEOUT("timeout"),
    /** No link to the peer could be had, or the frame could not be sent. */
    UNREACHABLE("unreachable"),
    /** The link closed under the request, and no other took it. */
    CLOSED("closed"),
    /** The node stopped first. */
    STOPPED("stopped");

    private final String label;

    RpcOutcome(String label) {
        this.label = label;
    }

    /** The tag value: {@code ok}, {@code timeout}... */
    public String label() {
        return label;
    }
}
