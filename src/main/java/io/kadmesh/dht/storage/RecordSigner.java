package io.kadmesh.dht.storage;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;

/**
 * Signs the records a node publishes with the node's Ed25519 key. The node's identity provides it,
 * so that the DHT core never sees the private key nor depends on where it is kept.
 */
public interface RecordSigner {

    /** The raw 32-byte Ed25519 public key that verifies what {@link #sign} makes. */
    byte[] publicKey();

    /** The 64-byte Ed25519 signature of {@code data}. */
    byte[] sign(byte[] data);

    /**
     * A signer with a fresh key pair kept in memory only: for simulations and tests, whose nodes have
     * ids not derived from a key. Its records name the id its key yields, not the node's.
     */
    static RecordSigner generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(Ed25519.ALGORITHM).generateKeyPair();
            byte[] publicKey = Ed25519.raw(pair.getPublic());
            return new RecordSigner() {
                @Override
                public byte[] publicKey() {
                    return publicKey.clone();
                }

                @Override
                public byte[] sign(byte[] data) {
                    try {
                        Signature signer = Signature.getInstance(Ed25519.ALGORITHM);
                        signer.initSign(pair.getPrivate());
                        signer.update(data);
                        return signer.sign();
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException("cannot sign with a fresh Ed25519 key", e);
                    }
                }

                @Override
                public String toString() {
                    return "RecordSigner[" + Arrays.toString(Arrays.copyOf(publicKey, 4)) + "...]";
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime provides Ed25519", e);
        }
    }
}
