package io.kadmesh.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.kadmesh.localnet.NodeCommand;

/**
 * The packaged jar run as a command through its launcher, {@code bin/kadmesh <args>} with
 * {@code <flags>} in {@code JAVA_OPTS}, its stdout and stderr written to files of its own directory.
 *
 * @param process the running (or ended) process
 * @param stdout the file its standard output goes to
 * @param stderr the file its standard error goes to
 */
public record JarProcess(Process process, Path stdout, Path stderr) {

    /** What a finished command printed, and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {

        /** Standard output and standard error, for failure messages and searching both. */
        public String output() {
            return "exit code " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Starts the jar of {@code appDir} with {@code jvmFlags} and {@code args}; output goes to {@code dir}. */
    public static JarProcess start(Path appDir, Path dir, List<String> jvmFlags, List<String> args) {
        ProcessBuilder command = NodeCommand.ofLauncher(NodeCommand.currentJava(), appDir, jvmFlags, args);
        try {
            Files.createDirectories(dir);
            Path stdout = dir.resolve("stdout.txt");
            Path stderr = dir.resolve("stderr.txt");
            Process process = command.directory(dir.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            return new JarProcess(process, stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command.command() + " in " + dir, e);
        }
    }

    /** Runs the jar to its end; kills it and fails if it runs longer than {@code timeout}. */
    public static Result run(Path appDir, Path dir, Duration timeout, List<String> jvmFlags, List<String> args) {
        JarProcess jar = start(appDir, dir, jvmFlags, args);
        if (!jar.awaitExit(timeout)) {
            jar.kill();
            throw new AssertionError("kadmesh " + args + " still ran after " + timeout.toSeconds() + " s:\n"
                    + jar.result(-1).output());
        }
        return jar.result(jar.process().exitValue());
    }

    /** Whether it ended within {@code timeout}. */
    public boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Kills it and every process it started (SIGKILL), children first: a command killed this way
     * runs no shutdown hook, so whatever it started would outlive it.
     */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** What it has printed so far to standard output. */
    public String stdoutSoFar() {
        return read(stdout);
    }

    /** What it has printed so far to standard output, then to standard error. */
    public String outputSoFar() {
        return read(stdout) + read(stderr);
    }

    private Result result(int exitCode) {
        return new Result(exitCode, read(stdout), read(stderr));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
