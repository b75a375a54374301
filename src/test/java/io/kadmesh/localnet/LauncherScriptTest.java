package io.kadmesh.localnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/kadmesh}, the launcher, run for real by bash against a stand-in java (a script that prints
 * its arguments) in a JDK folder with a {@code release} file, and an application directory laid out
 * as the build lays it out.
 */
@Timeout(30)
class LauncherScriptTest {

    @TempDir
    Path dir;

    private Path app;
    private Path java;

    @BeforeEach
    void layOut() throws IOException {
        app = Files.createDirectories(dir.resolve("quarkus-app"));
        Files.createFile(app.resolve(NodeCommand.RUNNER_JAR));
        FakeApp.addLauncher(app);
        java = Files.createDirectories(dir.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void shouldRunTheJarWithTheOptionsForThisJavaThenJavaOptsThenTheArguments() throws Exception {
        jdkVersion("25.0.1");
        options("# a comment", "", "  -Xmx64m  ", "17-24:-XX:+OnlyBefore25", "25-:-XX:+UseCompactObjectHeaders",
                "21:-XX:+Only21");

        Run run = launch("-Dkadmesh.role=bootstrap -Xmx128m", "serve", "--flag");

        assertEquals(0, run.exitCode(), run.output());
        assertEquals(List.of("-Xmx64m", "-XX:+UseCompactObjectHeaders", "-Dkadmesh.role=bootstrap", "-Xmx128m", "-jar",
                app.resolve(NodeCommand.RUNNER_JAR).toString(), "serve", "--flag"), run.lines());
    }

    @Test
    void shouldApplyARangeUpToItsEndOnly() throws Exception {
        jdkVersion("17.0.15");
        options("17-24:-XX:+OnlyBefore25", "25-:-XX:+UseCompactObjectHeaders", "18:-XX:+Only18");

        Run run = launch("", "--version");

        assertEquals(List.of("-XX:+OnlyBefore25", "-jar", app.resolve(NodeCommand.RUNNER_JAR).toString(), "--version"),
                run.lines(), run.output());
    }

    @Test
    void shouldRefuseALineThatIsNotAnOptionNamingFileAndLine() throws Exception {
        jdkVersion("17.0.15");
        options("-Xmx64m", "Xss512k");

        Run run = launch("", "serve");

        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("jvm.options:2: not a JVM option"), run.output());
    }

    @Test
    void shouldSayHowToBuildWhenTheJarIsMissing() throws Exception {
        jdkVersion("17.0.15");
        options("-Xmx64m");
        Files.delete(app.resolve(NodeCommand.RUNNER_JAR));

        Run run = launch("", "serve");

        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("./mvnw package -DskipTests"), run.output());
    }

    @Test
    void shouldMapTheClassArchiveBesideTheJarBeforeJavaOpts() throws Exception {
        jdkVersion("17.0.15");
        options("-Xmx64m");
        Path archive = Files.writeString(app.resolve("kadmesh.jsa"), "an archive");

        Run run = launch("-Dkadmesh.role=bootstrap", "serve");

        assertEquals(List.of("-Xmx64m", "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-Dkadmesh.role=bootstrap", "-jar", app.resolve(NodeCommand.RUNNER_JAR).toString(), "serve"),
                run.lines(), run.output());
    }

    @Test
    void shouldRunWithoutAnArchiveWhenToldOff() throws Exception {
        jdkVersion("17.0.15");
        options("-Xmx64m");
        Files.writeString(app.resolve("kadmesh.jsa"), "an archive");

        Run run = launch("", Map.of("KADMESH_CLASS_ARCHIVE", "off"), "serve");

        assertEquals(List.of("-Xmx64m", "-jar", app.resolve(NodeCommand.RUNNER_JAR).toString(), "serve"), run.lines(),
                run.output());
    }

    @Test
    void shouldRecordTheClassesOfAThrowawayStartIntoTheArchive() throws Exception {
        jdkVersion("17.0.15");
        options("-Xmx64m");
        javaThat("for a in \"$@\"; do echo \"$a\" >> \"$ARGS\"; done\n"
                + "for a in \"$@\"; do case \"$a\" in -XX:ArchiveClassesAtExit=*) echo recorded > \"${a#*=}\";; esac; done\n");
        Path args = dir.resolve("args.txt");

        Run run = launch("-Dnot.for.the.recording=1", Map.of("ARGS", args.toString()), "archive-classes");

        assertEquals(0, run.exitCode(), run.output());
        assertEquals("recorded\n", Files.readString(app.resolve("kadmesh.jsa")));
        List<String> used = Files.readAllLines(args);
        assertEquals("-Xmx64m", used.get(0), used::toString);
        assertTrue(used.get(1).startsWith("-XX:ArchiveClassesAtExit=" + app.resolve("kadmesh.jsa")), used::toString);
        assertTrue(used.containsAll(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=0",
                "-Dkadmesh.role=bootstrap", "-Dkadmesh.exit-after-start=true", "serve")), used::toString);
        assertFalse(used.contains("-Dnot.for.the.recording=1"), used::toString);
        try (Stream<Path> files = Files.list(app)) {
            assertEquals(List.of(), files.filter(file -> file.toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void shouldFailWithTheLogOfTheStartWhenTheRecordingFails() throws Exception {
        jdkVersion("17.0.15");
        options("-Xmx64m");
        javaThat("echo 'Port 0 is on fire'\nexit 1\n");

        Run run = launch("", "archive-classes");

        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("Port 0 is on fire"), run.output());
        assertTrue(run.output().contains("the start that records the class archive failed"), run.output());
        assertFalse(Files.exists(app.resolve("kadmesh.jsa")));
    }

    private void javaThat(String script) throws IOException {
        Files.writeString(java, "#!/bin/bash\n" + script);
    }

    private void jdkVersion(String version) throws IOException {
        Files.writeString(dir.resolve("jdk/release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
    }

    private void options(String... lines) throws IOException {
        Files.write(app.resolve("bin/jvm.options"), List.of(lines), StandardCharsets.UTF_8);
    }

    private Run launch(String javaOpts, String... args) throws Exception {
        return launch(javaOpts, Map.of(), args);
    }

    private Run launch(String javaOpts, Map<String, String> environment, String... args) throws Exception {
        ProcessBuilder builder = NodeCommand.ofLauncher(java, app, List.of(), List.of(args));
        builder.environment().remove("KADMESH_CLASS_ARCHIVE");
        builder.environment().putAll(environment);
        builder.environment().put("JAVA_OPTS", javaOpts);
        Process process = builder.redirectErrorStream(true).start();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the launcher did not end");
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** How the launcher ended and what it (or the stand-in java) printed. */
    private record Run(int exitCode, String output) {

        List<String> lines() {
            return output.lines().toList();
        }
    }
}
