package io.kadmesh.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.kadmesh.signaling.SignalFrames.Signal;

/** The signaling frames of {@code docs/protocol.md} are exactly those the node reads and writes. */
class SignalFramesTest {

    @Test
    void mustReadAndWriteTheDocumentedFramesVerbatim() throws Exception {
        List<String> examples = signalingExamples();
        assertEquals(3, examples.size(), "the sent signal, the passed-on signal and the error");

        Signal sent = SignalFrames.read(examples.get(0));
        String from = "88189f12cb0ccf01787e1f35c73161a96b750c65";

        assertEquals(examples.get(1), SignalFrames.forwarded(from, sent));
        assertEquals(examples.get(2), SignalFrames.error(new SignalRefused(sent.session(), sent.to(),
                "no browser " + sent.to() + " is linked to this node")));
    }

    private static List<String> signalingExamples() throws IOException {
        Path doc = Path.of(System.getProperty("build.project.dir", "."), "docs", "protocol.md");
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : Files.readString(doc).split("\n")) {
            if (line.startsWith("```")) {
                inside = !inside && line.equals("```json signaling");
            } else if (inside && !line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
