package io.kadmesh.identity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;

/**
 * Reads and creates key files (format: {@link KeyFileFormat}). A new file is written to a temporary
 * file in the same directory, flushed to disk, then published under its name with a hard link, which
 * fails rather than replace a file that appeared meanwhile; where hard links are not supported, with a
 * move that does not replace either. An existing file is never written to.
 */
final class KeyFile {

    /** Longer than any key file needs; a longer file is not one. */
    private static final long MAX_LENGTH = 16 * 1024;

    private KeyFile() {
    }

    /** The key pair in {@code file}, which is created first if it does not exist. */
    static KeyPair loadOrCreate(Path file) {
        if (Files.notExists(file, LinkOption.NOFOLLOW_LINKS)) {
            KeyPair created = Ed25519Keys.generate();
            if (create(file, created)) {
                return created;
            }
        }
        return read(file);
    }

    private static KeyPair read(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_LENGTH) {
                throw corrupt(file, "longer than " + MAX_LENGTH + " bytes", null);
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw corrupt(file, "not UTF-8 text", e);
        } catch (IOException e) {
            throw new IdentityException("cannot read node key file " + file + ": " + e, e);
        }
        try {
            return KeyFileFormat.parse(text);
        } catch (IllegalArgumentException e) {
            throw corrupt(file, e.getMessage(), e);
        }
    }

    /** Writes {@code pair} to {@code file}; false when another process created the file first. */
    private static boolean create(Path file, KeyPair pair) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp",
                    ownerOnly(target));
            try {
                writeFlushed(temp, KeyFileFormat.format(pair).getBytes(StandardCharsets.UTF_8));
                return publish(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new IdentityException("cannot create node key file " + file + ": " + e, e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) };
    }

    private static void writeFlushed(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    private static boolean publish(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            return moveWithoutReplacing(temp, target);
        }
    }

    private static boolean moveWithoutReplacing(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    private static IdentityException corrupt(Path file, String detail, Throwable cause) {
        return new IdentityException("node key file " + file + " is corrupt (" + detail
                + "); it was left as it is: restore it, or remove it to give this node a new id", cause);
    }
}
