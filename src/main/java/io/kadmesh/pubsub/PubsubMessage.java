package io.kadmesh.pubsub;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import io.kadmesh.dht.Ed25519;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.storage.RecordSigner;

/**
 * One message on a channel, signed by its publisher: a node for what it publishes through REST, a
 * browser for its own. Its {@link #id()} is the digest of the channel's key, the publisher and its
 * {@code seq}, so nobody can give another publisher's message a new id, and a receiver drops a repeat
 * by its id. The id is worked out once, when the message is made: a node asks for it at every step of
 * a delivery and once for each local subscriber. Immutable; equal messages have equal fields.
 */
public final class PubsubMessage {

    /** The domain label that starts the signed bytes, so a message signature is valid for nothing else. */
    public static final String DOMAIN_LABEL = "kadmesh-pubsub-v1";
    /** Longest {@code data}, in bytes of UTF-8. */
    public static final int MAX_DATA_BYTES = 16 * 1024;
    /** How far a message's {@code publishedAt} may be from a receiver's clock, either way. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private static final byte[] LABEL = (DOMAIN_LABEL + "\0").getBytes(StandardCharsets.US_ASCII);

    private final ChannelName channel;
    private final NodeId publisher;
    private final byte[] publicKey;
    private final long seq;
    private final Instant publishedAt;
    private final String data;
    private final byte[] signature;
    private final String id;

    /**
     * Message {@code seq} of {@code publisher}, whose Ed25519 key is {@code publicKey}, on {@code channel}:
     * {@code data}, published at {@code publishedAt} and signed with {@code signature}. Nothing is
     * verified here ({@link #problem}).
     *
     * @throws IllegalArgumentException if the key or signature has the wrong length, or {@code seq} is negative
     */
    public PubsubMessage(ChannelName channel, NodeId publisher, byte[] publicKey, long seq, Instant publishedAt,
            String data, byte[] signature) {
        this.channel = Objects.requireNonNull(channel, "channel must be set");
        this.publisher = Objects.requireNonNull(publisher, "publisher must be set");
        this.publishedAt = Objects.requireNonNull(publishedAt, "publishedAt must be set");
        this.data = Objects.requireNonNull(data, "data must be set");
        this.publicKey = exactly(publicKey, Ed25519.PUBLIC_KEY_BYTES, "publicKey");
        this.signature = exactly(signature, Ed25519.SIGNATURE_BYTES, "signature");
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be at least 0, got " + seq);
        }
        this.seq = seq;
        this.id = idOf(channel, publisher, seq);
    }

    /** {@code data} on {@code channel} as number {@code seq} of {@code signer}'s, signed by it. */
    public static PubsubMessage sign(ChannelName channel, RecordSigner signer, long seq, Instant publishedAt,
            String data) {
        byte[] publicKey = signer.publicKey();
        NodeId publisher = NodeId.sha1(publicKey);
        Instant at = Instant.ofEpochMilli(publishedAt.toEpochMilli());
        byte[] signature = signer.sign(signedBytes(channel, publisher, publicKey, seq, at, data));
        return new PubsubMessage(channel, publisher, publicKey, seq, at, data, signature);
    }

    /** The message's id: 40 hex digits, the SHA-1 of the channel's key, the publisher and {@code seq}. */
    public String id() {
        return id;
    }

    /** The id of the message {@code seq} of {@code publisher} on {@code channel}, held here or not. */
    static String idOf(ChannelName channel, NodeId publisher, long seq) {
        return NodeId.sha1(ByteBuffer.allocate(2 * NodeId.BYTES + Long.BYTES).put(channel.key().toBytes())
                .put(publisher.toBytes()).putLong(seq).array()).toHex();
    }

    /**
     * Why a receiver at {@code now} must not deliver this message; empty when it may: the publisher is
     * not the digest of the key, the signature does not verify, {@code data} is too long, or
     * {@code publishedAt} is more than {@link #MAX_CLOCK_SKEW} from {@code now}.
     */
    public Optional<String> problem(Instant now) {
        Optional<String> tooLong = dataProblem(data);
        if (tooLong.isPresent()) {
            return tooLong;
        }
        if (Duration.between(publishedAt, now).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            return Optional.of("publishedAt " + publishedAt + " is more than " + MAX_CLOCK_SKEW.toMinutes()
                    + " minutes from this node's clock, " + now);
        }
        if (!NodeId.sha1(publicKey).equals(publisher)) {
            return Optional.of("publisher " + publisher + " is not the id of the message's public key");
        }
        if (!Ed25519.verify(publicKey, signedBytes(channel, publisher, publicKey, seq, publishedAt, data),
                signature)) {
            return Optional.of("message signature does not verify with the publisher's key");
        }
        return Optional.empty();
    }

    /** Why {@code data} cannot be a message's: longer than {@link #MAX_DATA_BYTES} in UTF-8; empty when it can. */
    public static Optional<String> dataProblem(String data) {
        int bytes = data.length() <= MAX_DATA_BYTES / 3 ? data.length() : data.getBytes(StandardCharsets.UTF_8).length;
        return bytes <= MAX_DATA_BYTES ? Optional.empty()
                : Optional.of("data is " + bytes + " bytes of UTF-8, the limit is " + MAX_DATA_BYTES);
    }

    /**
     * The bytes the publisher signs: the ASCII label {@value #DOMAIN_LABEL} and a zero byte; the
     * channel's key (20 bytes); the publisher's id (20); its raw public key (32); {@code seq} (8 bytes,
     * big-endian); {@code publishedAt} in milliseconds since the epoch (8); the number of UTF-16 code
     * units of {@code data} (4) and {@code data} as UTF-16BE: the layout of a record's signed bytes
     * ({@code docs/protocol.md}), under another label.
     */
    static byte[] signedBytes(ChannelName channel, NodeId publisher, byte[] publicKey, long seq, Instant publishedAt,
            String data) {
        byte[] text = data.getBytes(StandardCharsets.UTF_16BE);
        return ByteBuffer.allocate(LABEL.length + 2 * NodeId.BYTES + publicKey.length + 20 + text.length).put(LABEL)
                .put(channel.key().toBytes()).put(publisher.toBytes()).put(publicKey).putLong(seq)
                .putLong(publishedAt.toEpochMilli()).putInt(data.length()).put(text).array();
    }

    private static byte[] exactly(byte[] bytes, int length, String name) {
        Objects.requireNonNull(bytes, name + " must be set");
        if (bytes.length != length) {
            throw new IllegalArgumentException(name + " must have " + length + " bytes, got " + bytes.length);
        }
        return bytes.clone();
    }

    /** The channel it was published on. */
    public ChannelName channel() {
        return channel;
    }

    /** The publisher's id: the SHA-1 of {@link #publicKey()}, for a sound message. */
    public NodeId publisher() {
        return publisher;
    }

    /** The publisher's raw Ed25519 public key, 32 bytes. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The publisher's number for it on the channel, one more than its last message's. */
    public long seq() {
        return seq;
    }

    /** When the publisher signed it, to the millisecond. */
    public Instant publishedAt() {
        return publishedAt;
    }

    /** What was published, at most {@link #MAX_DATA_BYTES} of UTF-8 in a sound message. */
    public String data() {
        return data;
    }

    /** The publisher's Ed25519 signature of {@link #signedBytes}, 64 bytes. */
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PubsubMessage m && m.channel.equals(channel) && m.publisher.equals(publisher)
                && m.seq == seq && m.publishedAt.equals(publishedAt) && m.data.equals(data)
                && Arrays.equals(m.publicKey, publicKey) && Arrays.equals(m.signature, signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channel, publisher, seq, publishedAt, data);
    }

    @Override
    public String toString() {
        return "PubsubMessage[" + channel + " " + id() + " from " + publisher + " seq " + seq + "]";
    }
}
