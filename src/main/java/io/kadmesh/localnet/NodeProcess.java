package io.kadmesh.localnet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One running (or ended) node process, with what it was started as. */
public final class NodeProcess {

    /** How long a killed process may take to be gone. */
    static final Duration EXIT_WAIT = Duration.ofSeconds(10);

    private final NodeSpec spec;
    private final Process process;
    private final long startedNanos;
    private volatile boolean stopped;

    NodeProcess(NodeSpec spec, Process process, long startedNanos) {
        this.spec = Objects.requireNonNull(spec, "spec must be set");
        this.process = Objects.requireNonNull(process, "process must be set");
        this.startedNanos = startedNanos;
    }

    /** What it was started as. */
    public NodeSpec spec() {
        return spec;
    }

    /** Its name, e.g. {@code bootstrap} or {@code node-03}. */
    public String name() {
        return spec.name();
    }

    /** Its HTTP port on 127.0.0.1. */
    public int port() {
        return spec.port();
    }

    /** Base URL of its REST API. */
    public String restUrl() {
        return spec.restUrl();
    }

    /** Its DHT WebSocket URL. */
    public String advertisedUrl() {
        return spec.advertisedUrl();
    }

    /** The operating system's id of the process. */
    public long pid() {
        return process.pid();
    }

    /** {@link System#nanoTime()} when the process was started. */
    public long startedNanos() {
        return startedNanos;
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Whether it was killed or stopped on purpose; a process that ended by itself was not, and
     * still counts as a member that should run.
     */
    public boolean stopped() {
        return stopped;
    }

    /** Its exit code; fails while it runs. */
    public int exitCode() {
        return process.exitValue();
    }

    /** Kills it with SIGKILL and waits (bounded) until it is gone. */
    public void kill() {
        stopped = true;
        process.destroyForcibly();
        awaitExit(EXIT_WAIT);
    }

    /** Asks it to stop (SIGTERM); kills it if it is still running after {@code grace}. */
    public void stop(Duration grace) {
        stopped = true;
        process.destroy();
        if (!awaitExit(grace)) {
            kill();
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for " + name() + " to exit failed", e);
        }
    }

    /** The last {@code lines} lines of its log, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(spec.logFile(), StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log " + spec.logFile() + " unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name() + " (pid " + pid() + ", " + restUrl() + ", log " + spec.logFile() + ")";
    }
}
