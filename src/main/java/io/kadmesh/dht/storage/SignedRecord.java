package io.kadmesh.dht.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

import io.kadmesh.dht.Ed25519;
import io.kadmesh.dht.NodeId;

/**
 * A value as its publisher signed it: the key and value, the publisher's id and raw 32-byte Ed25519
 * public key, a sequence number that grows with every publication, the absolute time the value
 * expires, and the publisher's signature over all of them ({@link #signedBytes()}). Any node can
 * check it with {@link RecordCheck}; only the holder of the publisher's private key can make one.
 * Immutable; the arrays are copied in and out.
 */
public final class SignedRecord {

    /** The domain label that starts the signed bytes, so a record signature is never valid for anything else. */
    public static final String DOMAIN_LABEL = "kadmesh-record-v1";
    /** Length of a raw Ed25519 public key. */
    public static final int PUBLIC_KEY_BYTES = Ed25519.PUBLIC_KEY_BYTES;
    /** Length of an Ed25519 signature. */
    public static final int SIGNATURE_BYTES = Ed25519.SIGNATURE_BYTES;

    private static final byte[] LABEL = DOMAIN_LABEL.getBytes(StandardCharsets.US_ASCII);

    private final NodeId key;
    private final String value;
    private final NodeId publisher;
    private final byte[] publicKey;
    private final long seq;
    private final Instant expiresAt;
    private final byte[] signature;

    /**
     * A record as received; nothing is verified here but the lengths of the key and signature, and
     * that the expiry is whole milliseconds (as on the wire).
     */
    public SignedRecord(NodeId key, String value, NodeId publisher, byte[] publicKey, long seq, Instant expiresAt,
            byte[] signature) {
        this.key = Objects.requireNonNull(key, "key must be set");
        this.value = Objects.requireNonNull(value, "value must be set");
        this.publisher = Objects.requireNonNull(publisher, "publisher must be set");
        this.publicKey = exactly(publicKey, PUBLIC_KEY_BYTES, "publicKey");
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be >= 0, got " + seq);
        }
        this.seq = seq;
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt must be set");
        if (expiresAt.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("expiresAt must be whole milliseconds, got " + expiresAt);
        }
        this.signature = exactly(signature, SIGNATURE_BYTES, "signature");
    }

    /** The record {@code signer} publishes: its signature over the other fields. */
    public static SignedRecord sign(NodeId key, String value, long seq, Instant expiresAt, RecordSigner signer) {
        Instant expiry = Instant.ofEpochMilli(expiresAt.toEpochMilli());
        byte[] publicKey = signer.publicKey();
        NodeId publisher = NodeId.sha1(publicKey);
        byte[] signature = signer.sign(signedBytes(key, value, publisher, publicKey, seq, expiry));
        return new SignedRecord(key, value, publisher, publicKey, seq, expiry, signature);
    }

    /**
     * The bytes the publisher signs: the ASCII label {@value #DOMAIN_LABEL} and a zero byte; the key
     * (20 bytes); the publisher's id (20 bytes); its raw public key (32 bytes); {@code seq} (8 bytes,
     * big-endian); the expiry in milliseconds since the epoch (8 bytes, big-endian); the number of
     * UTF-16 code units of the value (4 bytes, big-endian) and the value as UTF-16BE. UTF-16 keeps every
     * Java string, lone surrogates included, distinct.
     */
    public byte[] signedBytes() {
        return signedBytes(key, value, publisher, publicKey, seq, expiresAt);
    }

    private static byte[] signedBytes(NodeId key, String value, NodeId publisher, byte[] publicKey, long seq,
            Instant expiresAt) {
        byte[] text = value.getBytes(StandardCharsets.UTF_16BE);
        ByteBuffer bytes = ByteBuffer.allocate(LABEL.length + 1 + 2 * NodeId.BYTES + PUBLIC_KEY_BYTES + 8 + 8 + 4
                + text.length);
        bytes.put(LABEL).put((byte) 0).put(key.toBytes()).put(publisher.toBytes()).put(publicKey).putLong(seq)
                .putLong(expiresAt.toEpochMilli()).putInt(value.length()).put(text);
        return bytes.array();
    }

    private static byte[] exactly(byte[] bytes, int length, String name) {
        Objects.requireNonNull(bytes, name + " must be set");
        if (bytes.length != length) {
            throw new IllegalArgumentException(name + " must have " + length + " bytes, got " + bytes.length);
        }
        return bytes.clone();
    }

    /** The value's id in the DHT. */
    public NodeId key() {
        return key;
    }

    /** The value itself. */
    public String value() {
        return value;
    }

    /** The publisher's node id, as it claims it; {@link RecordCheck} holds it to the public key. */
    public NodeId publisher() {
        return publisher;
    }

    /** A copy of the publisher's raw 32-byte Ed25519 public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The publication's sequence number: a newer publication of the same publisher has a higher one. */
    public long seq() {
        return seq;
    }

    /** When every copy of this publication expires. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** A copy of the 64-byte signature. */
    public byte[] signature() {
        return signature.clone();
    }

    /** Whether {@code other} carries the same signature, and so (if both verify) the same publication. */
    boolean sameSignature(SignedRecord other) {
        return Arrays.equals(signature, other.signature);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedRecord that && key.equals(that.key) && value.equals(that.value)
                && publisher.equals(that.publisher) && Arrays.equals(publicKey, that.publicKey) && seq == that.seq
                && expiresAt.equals(that.expiresAt) && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, publisher, seq, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "SignedRecord[key=" + key + ", publisher=" + publisher + ", seq=" + seq + ", expiresAt=" + expiresAt
                + ", " + value.length() + " characters]";
    }
}
