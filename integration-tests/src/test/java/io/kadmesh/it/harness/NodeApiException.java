package io.kadmesh.it.harness;

/** A node's REST API answered with an unexpected status, or could not be reached. */
public final class NodeApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /** An unexpected {@code status} (0 when there was no answer) for {@code request}. */
    NodeApiException(String request, int status, String detail, Throwable cause) {
        super(request + (status == 0 ? " got no answer: " : " answered " + status + ": ") + detail, cause);
        this.status = status;
    }

    /** The HTTP status the node answered with; 0 when it did not answer. */
    public int status() {
        return status;
    }
}
