package io.kadmesh.transport.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.kadmesh.dht.NodeId;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.transport.handshake.HandshakeMessage.Hello;

/**
 * What a {@code hello_ack} signs, 125 bytes: the label {@code kadmesh-handshake} (17 ASCII bytes), the
 * protocol version (4 bytes, big-endian), the signer's node id and the verifier's node id (20 bytes
 * each), then the nonce of the signer's hello and the nonce of the verifier's hello (32 bytes each).
 * The verifier's fresh nonce keeps an old signature from being replayed; the verifier's id keeps a
 * signature the signer gave to one peer from being passed on to another as proof; the signer's id and
 * nonce bind it to the hello it answers, the version and the label to this protocol and no other use of
 * the key.
 */
final class HandshakeProof {

    /** The domain-separation label in front of the signed bytes. */
    static final byte[] LABEL = "kadmesh-handshake".getBytes(StandardCharsets.US_ASCII);

    /** Length of the signed bytes. */
    static final int SIGNED_LENGTH = LABEL.length + Integer.BYTES + 2 * NodeId.BYTES + 2 * LocalNode.NONCE_BYTES;

    private HandshakeProof() {
    }

    /** The signed bytes, in the order of the class comment. */
    static byte[] signedBytes(int version, NodeId signerId, NodeId verifierId, byte[] signerNonce,
            byte[] verifierNonce) {
        return ByteBuffer.allocate(SIGNED_LENGTH).put(LABEL).putInt(version).put(signerId.toBytes())
                .put(verifierId.toBytes()).put(signerNonce).put(verifierNonce).array();
    }

    /** The signature {@code signer}, whose hello carried {@code signerNonce}, sends the sender of {@code verifierHello}. */
    static byte[] sign(NodeIdentity signer, byte[] signerNonce, Hello verifierHello) {
        return signer.sign(signedBytes(HandshakeTransport.PROTOCOL_VERSION, signer.id(), verifierHello.nodeId(),
                signerNonce, verifierHello.nonce()));
    }

    /**
     * Whether {@code signature} proves that the sender of {@code signerHello} holds its key and signed
     * for this verifier, {@code verifierId}, whose hello carried {@code verifierNonce}.
     */
    static boolean verify(Hello signerHello, NodeId verifierId, byte[] verifierNonce, byte[] signature) {
        byte[] signed = signedBytes(HandshakeTransport.PROTOCOL_VERSION, signerHello.nodeId(), verifierId,
                signerHello.nonce(), verifierNonce);
        return NodeIdentity.verify(signerHello.publicKey(), signed, signature);
    }
}
