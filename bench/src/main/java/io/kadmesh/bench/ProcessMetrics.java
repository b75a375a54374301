package io.kadmesh.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory and CPU of a process, read from Linux's {@code /proc/<pid>}. */
public final class ProcessMetrics {

    /**
     * Clock ticks per second of {@code utime} and {@code stime} (USER_HZ): 100 on every Linux ABI
     * a JDK runs on.
     */
    public static final int TICKS_PER_SECOND = 100;

    /** Index of {@code utime} among the fields after the command name, counting from 0 at state. */
    private static final int UTIME_AFTER_COMMAND = 11;

    private ProcessMetrics() {
    }

    /** Resident set size in kB: {@code VmRSS} of {@code /proc/<pid>/status}. */
    public static long rssKb(long pid) {
        return rssKbOf(read(pid, "status"));
    }

    /**
     * Proportional set size in kB: {@code Pss} of {@code /proc/<pid>/smaps_rollup}, where each page the
     * process shares with others (the JDK's and the node's class archives, the libraries) counts divided
     * by the number of processes that map it.
     */
    public static long pssKb(long pid) {
        return kbOf(read(pid, "smaps_rollup"), "Pss:");
    }

    /** CPU time used so far in clock ticks: {@code utime + stime} of {@code /proc/<pid>/stat}. */
    public static long cpuTicks(long pid) {
        return cpuTicksOf(read(pid, "stat"));
    }

    /** {@code VmRSS} in kB from the text of a {@code status} file. */
    static long rssKbOf(String status) {
        return kbOf(status, "VmRSS:");
    }

    /** The kB of the line that starts with {@code field} in a {@code /proc} file of such lines. */
    static long kbOf(String text, String field) {
        for (String line : text.split("\n")) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
            }
        }
        throw new IllegalArgumentException("no " + field + " line in " + text.lines().findFirst().orElse("an empty file"));
    }

    /**
     * {@code utime + stime} from the text of a {@code stat} file. The command name, in parentheses,
     * may hold spaces and parentheses, so fields are counted from the last {@code ')'}.
     */
    static long cpuTicksOf(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            throw new IllegalArgumentException("stat has no command name: " + stat);
        }
        String[] fields = stat.substring(end + 1).trim().split("\\s+");
        if (fields.length <= UTIME_AFTER_COMMAND + 1) {
            throw new IllegalArgumentException("stat has only " + fields.length + " fields after the command");
        }
        return Long.parseLong(fields[UTIME_AFTER_COMMAND]) + Long.parseLong(fields[UTIME_AFTER_COMMAND + 1]);
    }

    private static String read(long pid, String file) {
        Path path = Path.of("/proc", Long.toString(pid), file);
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " (Linux only, process must run)", e);
        }
    }
}
