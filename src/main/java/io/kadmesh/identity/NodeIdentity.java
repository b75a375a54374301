package io.kadmesh.identity;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Objects;

import io.kadmesh.dht.Ed25519;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.storage.RecordSigner;

/**
 * A node's Ed25519 key pair and the id it yields. The id is the SHA-1 digest of the raw 32-byte
 * public key (RFC 8032's encoding, which is the X.509 form without its 12-byte header), so any peer
 * holding the public key can check an id, and only the holder of the private key can prove it owns
 * one. The key pair is kept in a key file so the node keeps its id across restarts; see
 * {@link #loadOrCreate(Path)} for the file's format. Immutable and thread-safe.
 */
public final class NodeIdentity {

    private final byte[] seed;
    private final byte[] publicKey;
    private final NodeId id;

    private NodeIdentity(KeyPair pair) {
        this.seed = Ed25519Keys.seed(pair.getPrivate());
        this.publicKey = Ed25519Keys.raw(pair.getPublic());
        this.id = idOf(publicKey);
    }

    /**
     * The identity kept in {@code keyFile}, created there first if the file does not exist. A new key
     * file is written atomically, with its parent directories, readable only by its owner where the
     * file system has POSIX permissions. It is UTF-8 text: comment lines starting with {@code #},
     * then the PKCS#8 private key and the X.509 public key, each base64 (RFC 4648) on a line of its
     * own. An existing file is never overwritten, not even when it is corrupt.
     *
     * @throws IdentityException naming the file, when it cannot be read, is corrupt, or cannot be written
     */
    public static NodeIdentity loadOrCreate(Path keyFile) {
        Objects.requireNonNull(keyFile, "keyFile must be set");
        return new NodeIdentity(KeyFile.loadOrCreate(keyFile));
    }

    /** A fresh identity kept nowhere: for simulations and tests, whose nodes need no restarts. */
    public static NodeIdentity generate() {
        return new NodeIdentity(Ed25519Keys.generate());
    }

    /** The id of the node holding the key whose raw 32-byte form is {@code rawPublicKey}. */
    public static NodeId idOf(byte[] rawPublicKey) {
        Objects.requireNonNull(rawPublicKey, "rawPublicKey must be set");
        if (rawPublicKey.length != Ed25519.PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("rawPublicKey must have " + Ed25519.PUBLIC_KEY_BYTES
                    + " bytes, got " + rawPublicKey.length);
        }
        return NodeId.sha1(rawPublicKey);
    }

    /**
     * Whether {@code signature} is an Ed25519 signature of {@code data} by the key whose raw form is
     * {@code rawPublicKey}. A missing or malformed key or signature gives false, never an exception.
     */
    public static boolean verify(byte[] rawPublicKey, byte[] data, byte[] signature) {
        Objects.requireNonNull(data, "data must be set");
        return Ed25519.verify(rawPublicKey, data, signature);
    }

    /** This node's id: the SHA-1 digest of {@link #publicKey()}. */
    public NodeId id() {
        return id;
    }

    /** A copy of the raw 32-byte public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The 64-byte Ed25519 signature of {@code data} by this node's private key. */
    public byte[] sign(byte[] data) {
        Objects.requireNonNull(data, "data must be set");
        return Ed25519.sign(seed, publicKey, data);
    }

    /**
     * What the DHT core signs its records with: this node's key, so that its publications name its
     * id. The core gets the signing, never the private key.
     */
    public RecordSigner recordSigner() {
        return new RecordSigner() {
            @Override
            public byte[] publicKey() {
                return NodeIdentity.this.publicKey();
            }

            @Override
            public byte[] sign(byte[] data) {
                return NodeIdentity.this.sign(data);
            }
        };
    }

    /** The id, never the keys. */
    @Override
    public String toString() {
        return "NodeIdentity[" + id.toHex() + "]";
    }
}
