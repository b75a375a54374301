package io.kadmesh.bootstrap;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.identity.NodeIdentity;

/**
 * The texts signed on {@code /bootstrap}, each bound to one link's challenge: the bootstrap's id and
 * its fresh nonce, so a signature is good on that link only and never replays elsewhere. Every field
 * before the last is free of spaces; the last (an address, or the peer list) runs to the end, so no
 * two different messages sign the same text.
 */
final class BootstrapProofs {

    /** Version of these texts, the first word after the label. */
    static final int VERSION = 1;

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private BootstrapProofs() {
    }

    /** What a node signs to register: the challenge, its report, its own nonce, its address last. */
    static byte[] register(BootstrapMessages.Challenge challenge, BootstrapMessages.Status status, byte[] nodeNonce) {
        return text("kadmesh-register", challenge, status.contact().id().toHex(), Boolean.toString(status.ready()),
                Integer.toString(status.connections()), BASE64.encodeToString(nodeNonce), status.contact().address());
    }

    /** What a node signs to leave: the challenge and its id. */
    static byte[] leave(BootstrapMessages.Challenge challenge, NodeId nodeId) {
        return text("kadmesh-leave", challenge, nodeId.toHex());
    }

    /**
     * What the bootstrap signs in its introductions: the challenge, the newcomer's id and nonce (so
     * the newcomer knows the answer is fresh and for it), and every peer introduced, one per line.
     */
    static byte[] introductions(BootstrapMessages.Challenge challenge, NodeId newcomer, byte[] nodeNonce,
            List<Contact> peers) {
        StringBuilder lines = new StringBuilder();
        peers.forEach(peer -> lines.append('\n').append(peer.id().toHex()).append(' ').append(peer.address()));
        return text("kadmesh-introductions", challenge, newcomer.toHex(), BASE64.encodeToString(nodeNonce),
                lines.toString());
    }

    /** Whether {@code signature} over {@code text} is the key's, and the key yields {@code id}. */
    static boolean signedBy(NodeId id, byte[] publicKey, byte[] text, byte[] signature) {
        try {
            return NodeIdentity.idOf(publicKey).equals(id) && NodeIdentity.verify(publicKey, text, signature);
        } catch (IllegalArgumentException wrongKeyLength) {
            return false;
        }
    }

    private static byte[] text(String label, BootstrapMessages.Challenge challenge, String... fields) {
        StringBuilder text = new StringBuilder(label).append(' ').append(VERSION).append(' ')
                .append(challenge.bootstrapId().toHex()).append(' ').append(BASE64.encodeToString(challenge.nonce()));
        for (String field : fields) {
            text.append(' ').append(field);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
