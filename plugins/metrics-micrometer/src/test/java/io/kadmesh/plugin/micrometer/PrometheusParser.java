package io.kadmesh.plugin.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Prometheus project's own parser of the text exposition format ({@code prometheus_client.parser},
 * Python; Debian package {@code python3-prometheus-client}), run by {@code parse-metrics.py} of this
 * plugin's test resources. A missing interpreter or module fails the test: it is never skipped.
 */
final class PrometheusParser {

    /** The script, from the project directory surefire passes as {@code build.project.dir}. */
    static final Path SCRIPT = Path.of(System.getProperty("build.project.dir", "."),
            "plugins/metrics-micrometer/src/test/resources/parse-metrics.py");
    /** Longest a run of the script may take. */
    static final Duration LIMIT = Duration.ofSeconds(30);
    /**
     * Interpreters to try, in this order: the {@code python3} on the {@code PATH}, then the system's own,
     * which the Debian package serves (a {@code python3} of pyenv or a virtualenv first on the
     * {@code PATH} does not see it).
     */
    private static final List<String> PYTHONS = List.of("python3", "/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String python;

    private PrometheusParser() {
    }

    /** One sample of the exposition: a series and its value. */
    record Sample(String name, Map<String, String> labels, double value) {

        /** Whether the sample carries each of {@code wanted}'s labels with the same value. */
        boolean has(Map<String, String> wanted) {
            return labels.entrySet().containsAll(wanted.entrySet());
        }
    }

    /** How a run of the script ended. */
    record Run(int exitCode, String out, String err) {
    }

    /** The samples of {@code exposition}; fails the test, with the parser's reason, when it does not parse. */
    static List<Sample> parse(String exposition) {
        Run run = run(exposition);
        assertEquals(0, run.exitCode(), () -> "the Prometheus parser refused the exposition: " + run.err());
        List<Sample> samples = new ArrayList<>();
        for (String line : run.out().split("\n")) {
            if (!line.isBlank()) {
                samples.add(sample(line));
            }
        }
        return samples;
    }

    /** Runs the script on {@code exposition}, within {@link #LIMIT}. */
    static Run run(String exposition) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("parse-metrics");
            Path in = Files.writeString(dir.resolve("in.txt"), exposition, StandardCharsets.UTF_8);
            Path out = dir.resolve("out.jsonl");
            Path err = dir.resolve("err.txt");
            Process process = new ProcessBuilder(python(), SCRIPT.toString()).redirectInput(in.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return fail("parse-metrics.py did not end within " + LIMIT.toSeconds() + " s");
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            return fail("could not run parse-metrics.py: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        } finally {
            deleteQuietly(dir);
        }
    }

    /** The first interpreter that imports {@code prometheus_client}; fails the test when none does. */
    static synchronized String python() {
        if (python == null) {
            List<String> tried = new ArrayList<>();
            for (String candidate : PYTHONS) {
                String refusal = refusal(candidate);
                if (refusal == null) {
                    python = candidate;
                    return python;
                }
                tried.add(candidate + ": " + refusal);
            }
            fail("no python3 here has the Prometheus client's parser (Debian: apt-get install "
                    + "python3-prometheus-client); " + String.join("; ", tried));
        }
        return python;
    }

    /** Why {@code candidate} cannot import {@code prometheus_client}, or null when it can. */
    private static String refusal(String candidate) {
        try {
            Process probe = new ProcessBuilder(candidate, "-c", "import prometheus_client.parser")
                    .redirectErrorStream(true).start();
            probe.getOutputStream().close();
            if (!probe.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                probe.destroyForcibly();
                return "no answer within " + LIMIT.toSeconds() + " s";
            }
            String said = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return probe.exitValue() == 0 ? null : said.substring(said.lastIndexOf('\n') + 1);
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static Sample sample(String line) {
        try {
            JsonNode sample = JSON.readTree(line);
            Map<String, String> labels = new TreeMap<>();
            sample.path("labels").fields()
                    .forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
            return new Sample(sample.path("name").asText(), labels, Double.parseDouble(sample.path("value").asText()));
        } catch (IOException | NumberFormatException e) {
            return fail("parse-metrics.py wrote a line that is not a sample: " + line, e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary file left behind is harmless
        }
    }
}
