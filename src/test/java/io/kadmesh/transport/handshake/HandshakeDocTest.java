package io.kadmesh.transport.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.transport.handshake.HandshakeMessage.Hello;
import io.kadmesh.transport.handshake.HandshakeMessage.HelloAck;

/** Keeps the Handshake section of docs/protocol.md honest: its examples are one real handshake. */
class HandshakeDocTest {

    @Test
    void documentedFramesAreWhatTheCodeWritesAndFormOneValidHandshake() throws Exception {
        List<String> frames = handshakeBlockLines();
        assertEquals(4, frames.size(), "Alice's and Bob's hellos, then their acks");
        Hello alice = assertInstanceOf(Hello.class, HandshakeFrames.decode(frames.get(0)));
        Hello bob = assertInstanceOf(Hello.class, HandshakeFrames.decode(frames.get(1)));
        HelloAck aliceAck = assertInstanceOf(HelloAck.class, HandshakeFrames.decode(frames.get(2)));
        HelloAck bobAck = assertInstanceOf(HelloAck.class, HandshakeFrames.decode(frames.get(3)));

        assertEquals(frames.get(0), HandshakeFrames.hello(alice));
        assertEquals(frames.get(1), HandshakeFrames.hello(bob));
        assertEquals(frames.get(2), HandshakeFrames.ack(aliceAck.signature()));
        assertEquals(frames.get(3), HandshakeFrames.ack(bobAck.signature()));
        assertEquals(alice.nodeId(), NodeIdentity.idOf(alice.publicKey()));
        assertEquals(bob.nodeId(), NodeIdentity.idOf(bob.publicKey()));
        assertTrue(HandshakeProof.verify(alice, bob.nodeId(), bob.nonce(), aliceAck.signature()),
                "Alice's ack is for Bob");
        assertTrue(HandshakeProof.verify(bob, alice.nodeId(), alice.nonce(), bobAck.signature()),
                "Bob's ack is for Alice");
    }

    @Test
    void documentedSignedBytesOfAlicesAckAreLabelVersionIdsAndNonces() throws Exception {
        List<String> frames = handshakeBlockLines();
        Hello alice = (Hello) HandshakeFrames.decode(frames.get(0));
        Hello bob = (Hello) HandshakeFrames.decode(frames.get(1));

        String signed = HexFormat.of().formatHex(HandshakeProof.signedBytes(2, alice.nodeId(), bob.nodeId(),
                alice.nonce(), bob.nonce()));

        assertEquals(250, signed.length());
        assertTrue(doc().contains("`" + signed + "`"), signed);
    }

    private static String doc() throws IOException {
        Path root = Path.of(System.getProperty("kadmesh.project.dir", System.getProperty("user.dir")));
        return Files.readString(root.resolve("docs/protocol.md"));
    }

    /** The lines of the document's {@code json handshake} code blocks. */
    private static List<String> handshakeBlockLines() throws IOException {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : doc().split("\n")) {
            if (line.startsWith("```")) {
                inside = !inside && line.equals("```json handshake");
            } else if (inside && !line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
