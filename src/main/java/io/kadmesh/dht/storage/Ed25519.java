package io.kadmesh.dht.storage;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Ed25519 verification with raw 32-byte public keys (RFC 8032). Java reads a public key only as an
 * X.509 SubjectPublicKeyInfo, which is a fixed 12-byte header followed by the raw key (RFC 8410).
 */
final class Ed25519 {

    static final String ALGORITHM = "Ed25519";
    /** The DER header of an Ed25519 SubjectPublicKeyInfo: SEQUENCE, algorithm 1.3.101.112, BIT STRING. */
    private static final byte[] X509_PREFIX = { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21,
            0x00 };

    private Ed25519() {
    }

    /**
     * Whether {@code signature} is the signature of {@code data} by the key whose raw form is
     * {@code rawPublicKey}. A malformed key or signature gives false, never an exception.
     */
    static boolean verify(byte[] rawPublicKey, byte[] data, byte[] signature) {
        if (rawPublicKey.length != SignedRecord.PUBLIC_KEY_BYTES || signature.length != SignedRecord.SIGNATURE_BYTES) {
            return false;
        }
        try {
            byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + rawPublicKey.length);
            System.arraycopy(rawPublicKey, 0, encoded, X509_PREFIX.length, rawPublicKey.length);
            PublicKey key = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException malformed) {
            return false;
        }
    }

    /** The raw 32 bytes of an Ed25519 public key. */
    static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded.length != X509_PREFIX.length + SignedRecord.PUBLIC_KEY_BYTES
                || !Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        return Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length);
    }
}
