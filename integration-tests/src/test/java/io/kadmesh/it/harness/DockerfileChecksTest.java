package io.kadmesh.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DockerfileChecks} catches a Dockerfile that does not fit its build or its manifests: each case
 * breaks a good Dockerfile (which has no problem, against a build context made here) in one way.
 */
class DockerfileChecksTest {

    private static final String GOOD = """
            # a comment
            FROM eclipse-temurin:17-jre
            ARG KADMESH_VERSION=1.2.3
            LABEL org.opencontainers.image.title="kadmesh" \\
                  org.opencontainers.image.version="${KADMESH_VERSION}"
            COPY --chown=1001:0 target/quarkus-app/ /opt/kadmesh/
            ENV HOME=/var/lib/kadmesh \\
                XDG_CONFIG_HOME=/var/lib/kadmesh/.config
            VOLUME /var/lib/kadmesh
            USER 1001
            EXPOSE 8080
            ENTRYPOINT ["/opt/kadmesh/bin/kadmesh"]
            CMD ["serve"]
            """;

    @TempDir
    Path context;

    @BeforeEach
    void build() throws IOException {
        Files.createDirectories(context.resolve("bin"));
        Files.writeString(context.resolve("bin/kadmesh"), "#!/usr/bin/env bash\nexec java -jar quarkus-run.jar\n");
        Path app = Files.createDirectories(context.resolve("target/quarkus-app/bin"));
        Files.copy(context.resolve("bin/kadmesh"), app.resolve("kadmesh"));
        Files.setPosixFilePermissions(app.resolve("kadmesh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(app.resolveSibling("quarkus-run.jar"), "jar");
    }

    private List<String> problems(String dockerfile) throws IOException {
        return DockerfileChecks.check(Dockerfile.parse(dockerfile),
                new DockerfileChecks.Expected(context, "1.2.3", Set.of(8080), 1001));
    }

    private List<String> problemsWith(String from, String to) throws IOException {
        assertTrue(GOOD.contains(from), from);
        return problems(GOOD.replace(from, to));
    }

    private static void assertReported(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(problem -> problem.contains(expected)),
                "expected a problem containing '" + expected + "', got " + problems);
    }

    @Test
    void aGoodDockerfileHasNoProblem() throws IOException {
        assertEquals(List.of(), problems(GOOD));
    }

    @Test
    void aCopySourceMissingFromTheBuildIsReported() throws IOException {
        assertReported(problemsWith("target/quarkus-app/", "target/quarkus-ap/"), "COPY source target/quarkus-ap/");
    }

    @Test
    void aLauncherThatIsNotExecutableIsReported() throws IOException {
        Files.setPosixFilePermissions(context.resolve("target/quarkus-app/bin/kadmesh"),
                PosixFilePermissions.fromString("rw-r--r--"));

        assertReported(problems(GOOD), "not an executable file");
    }

    @Test
    void anEntrypointOutsideTheCopiedDirectoryOrInShellFormIsReported() throws IOException {
        assertReported(problemsWith("[\"/opt/kadmesh/bin/kadmesh\"]", "[\"/usr/bin/kadmesh\"]"),
                "is in no directory a COPY fills");
        assertReported(problemsWith("[\"/opt/kadmesh/bin/kadmesh\"]", "/opt/kadmesh/bin/kadmesh"), "exec form");
    }

    @Test
    void anotherPortThanTheManifestsIsReported() throws IOException {
        assertReported(problemsWith("EXPOSE 8080", "EXPOSE 9090"), "EXPOSE [9090] differs");
    }

    @Test
    void rootOrANamedUserIsReported() throws IOException {
        assertReported(problemsWith("USER 1001", "USER 0"), "is root");
        assertReported(problemsWith("USER 1001", "USER kadmesh"), "not a numeric uid");
        assertReported(problemsWith("USER 1001", "USER 1002"), "differs from the manifests' runAsUser 1001");
    }

    @Test
    void aBaseImageOtherThanAJava17RuntimeIsReported() throws IOException {
        assertReported(problemsWith("eclipse-temurin:17-jre", "eclipse-temurin:21-jre"), "not a Java 17 runtime");
        assertReported(problemsWith("eclipse-temurin:17-jre", "ubuntu:24.04"), "not a Java 17 runtime");
        assertEquals(List.of(), problemsWith("eclipse-temurin:17-jre", "eclipse-temurin:17.0.13_11-jre-noble"));
    }

    @Test
    void anotherVersionThanTheProjectsIsReported() throws IOException {
        assertReported(problemsWith("KADMESH_VERSION=1.2.3", "KADMESH_VERSION=1.2.4"), "ARG KADMESH_VERSION=1.2.4");
    }

    @Test
    void configHomeOffTheVolumeIsReported() throws IOException {
        assertReported(problemsWith("XDG_CONFIG_HOME=/var/lib/kadmesh/.config", "XDG_CONFIG_HOME=/home/kadmesh"),
                "XDG_CONFIG_HOME=/home/kadmesh");
    }
}
