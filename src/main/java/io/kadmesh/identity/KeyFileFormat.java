package io.kadmesh.identity;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;

/**
 * The text of a key file: comment lines starting with {@code #}, then two lines of base64
 * (RFC 4648, with padding): the PKCS#8 private key and the X.509 SubjectPublicKeyInfo public key.
 * Blank lines and whitespace around a line are ignored.
 */
final class KeyFileFormat {

    /** The comment every new key file starts with. */
    static final String HEADER = """
            # Kadmesh node identity: an Ed25519 key pair, each key base64-encoded (RFC 4648) on a line of its own.
            # Line 1: the private key, PKCS#8. Line 2: the public key, X.509 SubjectPublicKeyInfo.
            # Keep this file secret: whoever holds it can act as this node. Removing it gives the node a new id.
            """;

    private KeyFileFormat() {
    }

    /** The text of a key file holding {@code pair}. */
    static String format(KeyPair pair) {
        Base64.Encoder base64 = Base64.getEncoder();
        return HEADER
                + base64.encodeToString(pair.getPrivate().getEncoded()) + "\n"
                + base64.encodeToString(pair.getPublic().getEncoded()) + "\n";
    }

    /**
     * The key pair in {@code text}.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    static KeyPair parse(String text) {
        List<String> keyLines = text.lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        if (keyLines.size() != 2) {
            throw new IllegalArgumentException("expected 2 key lines, found " + keyLines.size());
        }
        PrivateKey privateKey = privateKey(keyLines.get(0));
        PublicKey publicKey = publicKey(keyLines.get(1));
        if (!belongTogether(privateKey, publicKey)) {
            throw new IllegalArgumentException("the public key is not the one of the private key");
        }
        return new KeyPair(publicKey, privateKey);
    }

    private static PrivateKey privateKey(String line) {
        try {
            return Ed25519Keys.fromPkcs8(Base64.getDecoder().decode(line));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the first key line is not a base64 PKCS#8 Ed25519 private key", e);
        }
    }

    private static PublicKey publicKey(String line) {
        try {
            return Ed25519Keys.fromX509(Base64.getDecoder().decode(line));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the second key line is not a base64 X.509 Ed25519 public key", e);
        }
    }

    private static boolean belongTogether(PrivateKey privateKey, PublicKey publicKey) {
        try {
            return Ed25519Keys.belongTogether(privateKey, publicKey);
        } catch (IllegalArgumentException notEd25519) {
            return false;
        }
    }
}
