package io.kadmesh.identity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

import io.kadmesh.dht.Ed25519;

/**
 * Ed25519 keys in the forms Kadmesh uses. A raw public key is the 32-byte encoding of RFC 8032; Java
 * encodes it as an X.509 SubjectPublicKeyInfo, which is always {@link #X509_PREFIX} followed by those
 * 32 bytes (RFC 8410), so converting is a matter of adding or stripping the prefix.
 */
final class Ed25519Keys {

    /** The DER header of an Ed25519 SubjectPublicKeyInfo: SEQUENCE, algorithm 1.3.101.112, BIT STRING. */
    static final byte[] X509_PREFIX = { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00 };

    private static final String ALGORITHM = "Ed25519";

    private Ed25519Keys() {
    }

    /** A fresh key pair from the runtime's default secure random source. */
    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime provides Ed25519", e);
        }
    }

    /** The 32 raw bytes of {@code key}, an Ed25519 public key. */
    static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded.length != X509_PREFIX.length + Ed25519.PUBLIC_KEY_BYTES
                || !Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        return Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length);
    }

    /** The public key in an X.509 SubjectPublicKeyInfo. */
    static PublicKey fromX509(byte[] encoded) throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
    }

    /** The 32-byte private seed of {@code key}, an Ed25519 private key (RFC 8032). */
    static byte[] seed(PrivateKey key) {
        if (!(key instanceof EdECPrivateKey edKey)) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + key.getAlgorithm());
        }
        return edKey.getBytes().orElseThrow(() -> new IllegalArgumentException("the private key holds no seed"));
    }

    /** Whether {@code publicKey} is the public half of {@code privateKey}: the one its seed yields. */
    static boolean belongTogether(PrivateKey privateKey, PublicKey publicKey) {
        return Arrays.equals(Ed25519.publicKeyOf(seed(privateKey)), raw(publicKey));
    }

    /** The private key in a PKCS#8 PrivateKeyInfo. */
    static PrivateKey fromPkcs8(byte[] encoded) throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(encoded));
    }
}
