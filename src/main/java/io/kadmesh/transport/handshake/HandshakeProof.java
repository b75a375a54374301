package io.kadmesh.transport.handshake;

import io.kadmesh.dht.NodeId;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.transport.handshake.HandshakeMessage.Hello;

/**
 * What a {@code hello_ack} signs: the nonce the verifier sent in its hello (32 bytes), followed by the
 * signer's own node id (20 bytes). The fresh nonce keeps an old signature from being replayed; the
 * signer's id binds the proof to the identity it is offered for.
 */
final class HandshakeProof {

    private HandshakeProof() {
    }

    /** The 52 signed bytes: {@code verifierNonce} then {@code signerId}. */
    static byte[] signedBytes(byte[] verifierNonce, NodeId signerId) {
        byte[] id = signerId.toBytes();
        byte[] signed = new byte[verifierNonce.length + id.length];
        System.arraycopy(verifierNonce, 0, signed, 0, verifierNonce.length);
        System.arraycopy(id, 0, signed, verifierNonce.length, id.length);
        return signed;
    }

    /** The signature {@code signer} sends in answer to a hello carrying {@code verifierNonce}. */
    static byte[] sign(NodeIdentity signer, byte[] verifierNonce) {
        return signer.sign(signedBytes(verifierNonce, signer.id()));
    }

    /** Whether {@code signature} proves that the sender of {@code signerHello} holds its key. */
    static boolean verify(Hello signerHello, byte[] ownNonce, byte[] signature) {
        return NodeIdentity.verify(signerHello.publicKey(), signedBytes(ownNonce, signerHello.nodeId()), signature);
    }
}
