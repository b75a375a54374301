package io.kadmesh.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Keeps the bootstrap section of docs/protocol.md honest: each example is what the code writes and reads. */
class BootstrapDocTest {

    private static List<String> examples() throws IOException {
        Path root = Path.of(System.getProperty("kadmesh.project.dir", System.getProperty("user.dir")));
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : Files.readString(root.resolve("docs/protocol.md")).split("\n")) {
            if (line.startsWith("```")) {
                inside = !inside && line.equals("```json bootstrap");
            } else if (inside && !line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String example(String type) throws IOException {
        return examples().stream().filter(line -> line.startsWith("{\"type\":\"" + type + "\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no example of " + type));
    }

    @Test
    void mustDocumentARegistrationSignedOverTheChallengeAndWrittenVerbatim() throws IOException {
        var challenge = BootstrapMessages.parseChallenge(example("challenge"));
        assertEquals(example("challenge"), BootstrapMessages.challenge(challenge));
        var register = assertInstanceOf(BootstrapMessages.Register.class,
                BootstrapMessages.parseRequest(example("register")));
        assertTrue(register.isSignedByTheNode(challenge));
        assertEquals(example("register"), BootstrapMessages.register(register));
        var introductions = BootstrapMessages.parseIntroductions(example("introductions"));
        assertTrue(introductions.isSignedByTheBootstrap(challenge, register.status().contact().id(),
                register.nonce()));
        assertEquals(example("introductions"), BootstrapMessages.introductions(introductions));
    }

    @Test
    void mustDocumentALeaveSignedByTheNodeItNames() throws IOException {
        var challenge = BootstrapMessages.parseChallenge(example("challenge"));
        var leave = assertInstanceOf(BootstrapMessages.Leave.class, BootstrapMessages.parseRequest(example("leave")));
        assertTrue(leave.isSignedByTheNode(challenge));
        assertEquals(example("leave"), BootstrapMessages.leave(leave));
        assertEquals(example("left"), BootstrapMessages.left(leave.nodeId(), true));
    }

    @Test
    void mustDocumentAnswersTheClientReads() throws IOException {
        assertEquals(1, BootstrapMessages.parseIntroductions(example("introductions")).peers().size());
        assertTrue(BootstrapMessages.parseLeft(example("left")));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BootstrapMessages.parseIntroductions(example("error"))).getMessage().contains("'nodeId'"));
    }
}
