package io.kadmesh.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityFileTest {

    @TempDir
    Path dir;

    @Test
    void restartWithTheSameKeyFileKeepsTheId() {
        Path keyFile = dir.resolve("node.key");

        NodeIdentity first = NodeIdentity.loadOrCreate(keyFile);
        NodeIdentity again = NodeIdentity.loadOrCreate(keyFile);

        assertTrue(Files.exists(keyFile));
        assertEquals(first.id(), again.id());
        assertArrayEquals(first.publicKey(), again.publicKey());
        assertTrue(NodeIdentity.verify(first.publicKey(), new byte[] { 1 }, again.sign(new byte[] { 1 })));
    }

    @Test
    void missingParentDirectoriesAreCreatedAndNoTemporaryFileIsLeft() throws IOException {
        Path keyFile = dir.resolve("data/identity/node.key");

        NodeIdentity.loadOrCreate(keyFile);

        try (var files = Files.list(keyFile.getParent())) {
            assertEquals(List.of(keyFile), files.toList());
        }
    }

    @Test
    void keyFileIsReadableOnlyByItsOwner() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path keyFile = dir.resolve("node.key");

        NodeIdentity.loadOrCreate(keyFile);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    }

    @Test
    void existingKeyFileThatOthersMayReadOrWriteIsRefusedNamingModeAndFix() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path keyFile = dir.resolve("node.key");
        NodeIdentity.loadOrCreate(keyFile);

        for (String loose : List.of("rw-r-----", "rw--w----", "rw----r--", "rw-----w-")) {
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString(loose));
            IdentityException refused = assertThrows(IdentityException.class, () -> NodeIdentity.loadOrCreate(keyFile));
            assertTrue(refused.getMessage().contains("(" + loose + ")"), refused.getMessage());
            assertTrue(refused.getMessage().endsWith("chmod 600 " + keyFile), refused.getMessage());
        }
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("r--------"));
        NodeIdentity.loadOrCreate(keyFile);
    }

    @Test
    void keyFileIsCommentedBase64OfTheTwoKeys() throws IOException {
        Path keyFile = dir.resolve("node.key");
        NodeIdentity identity = NodeIdentity.loadOrCreate(keyFile);

        List<String> lines = Files.readAllLines(keyFile, StandardCharsets.UTF_8);
        List<String> keyLines = lines.stream().filter(line -> !line.startsWith("#")).toList();

        assertTrue(lines.get(0).startsWith("# Kadmesh node identity"), lines.get(0));
        assertEquals(2, keyLines.size());
        byte[] x509 = Base64.getDecoder().decode(keyLines.get(1));
        assertEquals(44, x509.length);
        assertArrayEquals(identity.publicKey(), Arrays.copyOfRange(x509, 12, 44));
    }

    @Test
    void corruptKeyFilesFailNamingThePathAndAreLeftUntouched() throws IOException {
        String otherPublicKey = keyLines(dir.resolve("other.key")).get(1);
        List<String> own = keyLines(dir.resolve("own.key"));
        List<String> corruptions = List.of("", "not a key file\n", "# only a comment\n",
                own.get(0) + "\n", own.get(0) + "\n" + own.get(1).substring(0, 20) + "\n",
                "%%%%\n" + own.get(1) + "\n", own.get(0) + "\n" + otherPublicKey + "\n",
                own.get(1) + "\n" + own.get(0) + "\n", own.get(0) + "\n" + own.get(1) + "\n" + own.get(1) + "\n");
        for (String content : corruptions) {
            Path keyFile = dir.resolve("corrupt.key");
            Files.writeString(keyFile, content, StandardCharsets.UTF_8);

            IdentityException error = assertThrows(IdentityException.class, () -> NodeIdentity.loadOrCreate(keyFile),
                    content);

            assertTrue(error.getMessage().contains(keyFile.toString()), error.getMessage());
            assertTrue(error.getMessage().contains("corrupt"), error.getMessage());
            assertEquals(content, Files.readString(keyFile, StandardCharsets.UTF_8));
        }
    }

    @Test
    void bytesThatAreNotUtf8AreCorrupt() throws IOException {
        Path keyFile = dir.resolve("node.key");
        byte[] content = { (byte) 0xc3, (byte) 0x28, '\n' };
        Files.write(keyFile, content);

        IdentityException error = assertThrows(IdentityException.class, () -> NodeIdentity.loadOrCreate(keyFile));

        assertTrue(error.getMessage().contains(keyFile.toString()), error.getMessage());
        assertArrayEquals(content, Files.readAllBytes(keyFile));
    }

    @Test
    void unreadableKeyFileFailsNamingThePath() throws IOException {
        Path keyFile = Files.createDirectory(dir.resolve("node.key"));

        IdentityException error = assertThrows(IdentityException.class, () -> NodeIdentity.loadOrCreate(keyFile));

        assertTrue(error.getMessage().contains("cannot read node key file " + keyFile), error.getMessage());
        assertTrue(Files.isDirectory(keyFile));
    }

    private static List<String> keyLines(Path keyFile) throws IOException {
        NodeIdentity.loadOrCreate(keyFile);
        return Files.readAllLines(keyFile).stream().filter(line -> !line.startsWith("#")).toList();
    }
}
