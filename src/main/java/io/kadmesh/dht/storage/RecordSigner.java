package io.kadmesh.dht.storage;

import java.util.Arrays;

import io.kadmesh.dht.Ed25519;

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
        byte[] seed = Ed25519.newSeed();
        byte[] publicKey = Ed25519.publicKeyOf(seed);
        return new RecordSigner() {
            @Override
            public byte[] publicKey() {
                return publicKey.clone();
            }

            @Override
            public byte[] sign(byte[] data) {
                return Ed25519.sign(seed, publicKey, data);
            }

            @Override
            public String toString() {
                return "RecordSigner[" + Arrays.toString(Arrays.copyOf(publicKey, 4)) + "...]";
            }
        };
    }
}
