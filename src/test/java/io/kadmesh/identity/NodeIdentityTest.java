package io.kadmesh.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.NodeId;

class NodeIdentityTest {

    private static final byte[] DATA = "find_node c0ffee".getBytes(StandardCharsets.UTF_8);

    private final NodeIdentity alice = NodeIdentity.generate();
    private final NodeIdentity bob = NodeIdentity.generate();

    @Test
    void idIsTheSha1OfTheRaw32BytePublicKey() {
        byte[] key = alice.publicKey();

        assertEquals(32, key.length);
        assertEquals(NodeId.sha1(key), alice.id());
        assertEquals(alice.id(), NodeIdentity.idOf(key));
        assertNotEquals(alice.id(), bob.id());
    }

    @Test
    void publicKeyIsACopy() {
        alice.publicKey()[0] ^= 1;

        assertEquals(alice.id(), NodeIdentity.idOf(alice.publicKey()));
    }

    @Test
    void idOfRefusesAKeyThatIsNot32Bytes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> NodeIdentity.idOf(new byte[31]));

        assertTrue(error.getMessage().contains("rawPublicKey"), error.getMessage());
    }

    @Test
    void signatureVerifiesWithTheSignersPublicKey() {
        byte[] signature = alice.sign(DATA);

        assertEquals(64, signature.length);
        assertTrue(NodeIdentity.verify(alice.publicKey(), DATA, signature));
    }

    @Test
    void tamperedDataFailsVerification() {
        byte[] signature = alice.sign(DATA);
        byte[] tampered = DATA.clone();
        tampered[0] ^= 1;

        assertFalse(NodeIdentity.verify(alice.publicKey(), tampered, signature));
    }

    @Test
    void tamperedSignatureFailsVerification() {
        byte[] signature = alice.sign(DATA);
        signature[10] ^= 1;

        assertFalse(NodeIdentity.verify(alice.publicKey(), DATA, signature));
    }

    @Test
    void anotherNodesKeyFailsVerification() {
        assertFalse(NodeIdentity.verify(bob.publicKey(), DATA, alice.sign(DATA)));
    }

    @Test
    void malformedKeysAndSignaturesGiveFalseRatherThanAnException() {
        byte[] signature = alice.sign(DATA);
        byte[] notAPoint = new byte[32];
        Arrays.fill(notAPoint, (byte) 0xff);

        assertFalse(NodeIdentity.verify(null, DATA, signature));
        assertFalse(NodeIdentity.verify(new byte[5], DATA, signature));
        assertFalse(NodeIdentity.verify(notAPoint, DATA, signature));
        assertFalse(NodeIdentity.verify(alice.publicKey(), DATA, null));
        assertFalse(NodeIdentity.verify(alice.publicKey(), DATA, new byte[0]));
        assertFalse(NodeIdentity.verify(alice.publicKey(), DATA, Arrays.copyOf(signature, 63)));
        assertFalse(NodeIdentity.verify(alice.publicKey(), DATA, new byte[64]));
    }

    @Test
    void toStringShowsTheIdButNoKey() {
        assertEquals("NodeIdentity[" + alice.id().toHex() + "]", alice.toString());
    }
}
