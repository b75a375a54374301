package io.kadmesh.dht;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * The fast Ed25519 agrees with the JDK's in both directions, and refuses what an attacker could put
 * in a handshake or a record: altered data or signatures, a signature made malleable by adding the
 * group order to S, a public key of small order, and bytes of the wrong length.
 */
class Ed25519Test {

    private static final byte[] DATA = "kadmesh hello_ack".getBytes(StandardCharsets.US_ASCII);
    /** The order of the Ed25519 base point (RFC 8032, section 5.1). */
    private static final BigInteger L = BigInteger.TWO.pow(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));

    private final byte[] seed = Ed25519.newSeed();
    private final byte[] publicKey = Ed25519.publicKeyOf(seed);

    @Test
    void signaturesAreTheJdksAndVerifyEitherWay() throws GeneralSecurityException {
        KeyPair jdkPair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] jdkSeed = ((EdECPrivateKey) jdkPair.getPrivate()).getBytes().orElseThrow();
        byte[] encoded = jdkPair.getPublic().getEncoded();
        byte[] jdkPublicKey = Arrays.copyOfRange(encoded, encoded.length - Ed25519.PUBLIC_KEY_BYTES, encoded.length);
        Signature jdkSigner = Signature.getInstance("Ed25519");
        jdkSigner.initSign(jdkPair.getPrivate());
        jdkSigner.update(DATA);
        byte[] jdkSignature = jdkSigner.sign();

        assertArrayEquals(jdkPublicKey, Ed25519.publicKeyOf(jdkSeed));
        assertArrayEquals(jdkSignature, Ed25519.sign(jdkSeed, jdkPublicKey, DATA));
        assertTrue(Ed25519.verify(jdkPublicKey, DATA, jdkSignature));
        Signature jdkVerifier = Signature.getInstance("Ed25519");
        jdkVerifier.initVerify(jdkPair.getPublic());
        jdkVerifier.update(DATA);
        assertTrue(jdkVerifier.verify(Ed25519.sign(jdkSeed, jdkPublicKey, DATA)));
    }

    @Test
    void alteredDataOrSignatureOrAnotherKeyFail() {
        byte[] signature = Ed25519.sign(seed, publicKey, DATA);
        assertTrue(Ed25519.verify(publicKey, DATA, signature));
        byte[] otherData = DATA.clone();
        otherData[0] ^= 1;
        assertFalse(Ed25519.verify(publicKey, otherData, signature));
        for (int i : new int[] { 0, 31, 32, 63 }) {
            byte[] altered = signature.clone();
            altered[i] ^= 1;
            assertFalse(Ed25519.verify(publicKey, DATA, altered), "signature altered at byte " + i);
        }
        assertFalse(Ed25519.verify(Ed25519.publicKeyOf(Ed25519.newSeed()), DATA, signature));
    }

    @Test
    void malleableSignatureWithSPlusTheGroupOrderFails() {
        byte[] signature = Ed25519.sign(seed, publicKey, DATA);
        BigInteger s = littleEndian(Arrays.copyOfRange(signature, 32, 64));
        byte[] malleable = signature.clone();
        System.arraycopy(toLittleEndian(s.add(L)), 0, malleable, 32, 32);
        assertFalse(Ed25519.verify(publicKey, DATA, malleable));
    }

    @Test
    void smallOrderPublicKeyFails() {
        byte[] identity = new byte[Ed25519.PUBLIC_KEY_BYTES];
        identity[0] = 1; // the neutral point (0, 1), of order 1
        byte[] signature = new byte[Ed25519.SIGNATURE_BYTES];
        signature[0] = 1; // R = the neutral point, S = 0: valid for it under any message, if allowed
        assertFalse(Ed25519.verify(identity, DATA, signature));
    }

    @Test
    void wrongLengthsGiveFalseOrAClearError() {
        byte[] signature = Ed25519.sign(seed, publicKey, DATA);
        assertFalse(Ed25519.verify(Arrays.copyOf(publicKey, 31), DATA, signature));
        assertFalse(Ed25519.verify(publicKey, DATA, Arrays.copyOf(signature, 63)));
        assertFalse(Ed25519.verify(null, DATA, signature));
        assertFalse(Ed25519.verify(publicKey, DATA, null));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Ed25519.sign(new byte[16], publicKey, DATA));
        assertTrue(error.getMessage().contains("seed must have 32 bytes, got 16"), error.getMessage());
    }

    private static BigInteger littleEndian(byte[] bytes) {
        byte[] bigEndian = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            bigEndian[i] = bytes[bytes.length - 1 - i];
        }
        return new BigInteger(1, bigEndian);
    }

    private static byte[] toLittleEndian(BigInteger value) {
        byte[] bigEndian = value.toByteArray();
        byte[] result = new byte[32];
        for (int i = 0; i < Math.min(32, bigEndian.length); i++) {
            result[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return result;
    }
}
