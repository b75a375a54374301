package io.kadmesh.dht.protocol;

/** A frame that decoded into a well-formed message. */
public record Decoded(Message message) implements DecodeResult {

    /** Checks that the message is set. */
    public Decoded {
        MessageChecks.present(message, "message");
    }
}
