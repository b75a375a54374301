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
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads and creates key files (format: {@link KeyFileFormat}). A new file is written to a temporary
 * file in the same directory, flushed to disk, then published under its name with a hard link, which
 * fails rather than replace a file that appeared meanwhile; where hard links are not supported, with a
 * move that does not replace either. An existing file is never written to, and one that its group or
 * others may read or write is refused.
 */
final class KeyFile {

    /** Permissions that let anyone but the owner read or write the file. */
    private static final Set<PosixFilePermission> LOOSE = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

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
        checkOwnerOnly(file);
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

    /**
     * Refuses a key file that its group or others may read or write: anyone who can read it can act as
     * this node, and anyone who can write it can replace its identity. Only where the file system has
     * POSIX permissions.
     */
    private static void checkOwnerOnly(Path file) {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix") || !Files.isRegularFile(file)) {
            return;
        }
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            throw new IdentityException("cannot read the permissions of node key file " + file + ": " + e, e);
        }
        if (!Collections.disjoint(mode, LOOSE)) {
            throw new IdentityException("node key file " + file + " has mode " + octal(mode) + " ("
                    + PosixFilePermissions.toString(mode) + "): its group or others may read or write it, so "
                    + "its key can no longer be trusted to be this node's alone; the node refuses to start. "
                    + "Restrict it to its owner with: chmod 600 " + file);
        }
    }

    private static String octal(Set<PosixFilePermission> mode) {
        int bits = 0;
        for (PosixFilePermission permission : mode) {
            bits |= 1 << (8 - permission.ordinal());
        }
        return String.format("%03o", bits);
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
