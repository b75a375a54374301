package io.kadmesh.dht.protocol;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Keeps docs/protocol.md honest: its example frames are exactly what the codec writes. */
class ProtocolDocTest {

    private final MessageCodec codec = new MessageCodec();

    private static String doc() throws IOException {
        Path root = Path.of(System.getProperty("kadmesh.project.dir", System.getProperty("user.dir")));
        return Files.readString(root.resolve("docs/protocol.md"));
    }

    /** The lines inside the document's code blocks of {@code language}. */
    private static List<String> blockLines(String doc, String language) {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : doc.split("\n")) {
            if (line.startsWith("```")) {
                inside = !inside && line.equals("```" + language);
            } else if (inside && !line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void mustDocumentEveryMessageTypeWithExamplesTheCodecWritesVerbatim() throws IOException {
        List<String> examples = blockLines(doc(), "json");
        List<String> types = new ArrayList<>();
        for (String example : examples) {
            DecodeResult result = codec.decode(example);
            Decoded decoded = assertInstanceOf(Decoded.class, result, () -> example + " gave " + result);
            assertEquals(example, codec.encode(decoded.message()));
            types.add(decoded.message().type());
        }
        for (Message message : SampleMessages.oneOfEach()) {
            assertTrue(types.contains(message.type()), "no example of " + message.type());
        }
    }

    @Test
    void mustShowTheErrorReplyTheCodecGivesForTheDocumentedBadRequest() throws IOException {
        String doc = doc();
        List<String> badFrames = blockLines(doc, "text");
        assertEquals(1, badFrames.size());
        DecodeError error = assertInstanceOf(DecodeError.class, codec.decode(badFrames.get(0)));
        String reply = codec.encode(ErrorReply.from(error, SampleMessages.BOB));
        assertTrue(blockLines(doc, "json").contains(reply), reply);
    }
}
