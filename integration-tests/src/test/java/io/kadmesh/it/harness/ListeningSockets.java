package io.kadmesh.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The TCP ports a process listens on, read from Linux's {@code /proc}: the listening sockets of
 * {@code /proc/<pid>/net/tcp} and {@code tcp6} whose inodes are among the process's open files.
 */
public final class ListeningSockets {

    private static final String LISTEN = "0A";
    private static final int LOCAL_ADDRESS = 1;
    private static final int STATE = 3;
    private static final int INODE = 9;

    private ListeningSockets() {
    }

    /** The ports process {@code pid} listens on (TCP, IPv4 and IPv6); empty when none. */
    public static Set<Integer> of(long pid) {
        Set<String> inodes = socketInodes(pid);
        Set<Integer> ports = new TreeSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            for (String line : lines(Path.of("/proc", Long.toString(pid), "net", table))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > INODE && LISTEN.equals(fields[STATE]) && inodes.contains(fields[INODE])) {
                    String address = fields[LOCAL_ADDRESS];
                    ports.add(Integer.parseInt(address.substring(address.lastIndexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    /** The inodes of the sockets among the open files of {@code pid}. */
    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        Path fds = Path.of("/proc", Long.toString(pid), "fd");
        try (Stream<Path> files = Files.list(fds)) {
            for (Path fd : (Iterable<Path>) files::iterator) {
                String target = readLink(fd);
                if (target.startsWith("socket:[")) {
                    inodes.add(target.substring("socket:[".length(), target.length() - 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + fds + " (Linux only, process must run)", e);
        }
        return inodes;
    }

    private static String readLink(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return ""; // closed since it was listed
        }
    }

    private static List<String> lines(Path table) {
        try {
            return Files.readAllLines(table);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table + " (Linux only, process must run)", e);
        }
    }
}
