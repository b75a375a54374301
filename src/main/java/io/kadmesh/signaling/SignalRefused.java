package io.kadmesh.signaling;

/** A signal this node will not pass on, and why; {@code session} and {@code to} as far as they were read. */
final class SignalRefused extends Exception {

    private static final long serialVersionUID = 1L;

    private final String session;
    private final String to;

    SignalRefused(String session, String to, String reason) {
        super(reason, null, false, false);
        this.session = session;
        this.to = to;
    }

    String session() {
        return session;
    }

    String to() {
        return to;
    }
}
