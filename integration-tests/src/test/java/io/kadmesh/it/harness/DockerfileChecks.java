package io.kadmesh.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks the node's Dockerfile against what it is built from and run by, without a Docker engine: one
 * Java 17 runtime base image; every {@code COPY} source present in the build context (the project, after
 * {@code package}); an exec-form {@code ENTRYPOINT} that is the project's launcher, executable, where the
 * copied application directory has it; the ports the Kubernetes manifests name; a numeric non-root
 * {@code USER} equal to the manifests' {@code runAsUser}; the project version in the version {@code ARG} and
 * label; and {@code XDG_CONFIG_HOME} on the writable volume.
 */
public final class DockerfileChecks {

    /** Java 17 runtimes: Temurin's JRE (or JDK) images and Red Hat's UBI OpenJDK 17 runtime. */
    static final Pattern JAVA_17_RUNTIME = Pattern.compile(
            "(docker\\.io/(library/)?)?eclipse-temurin:17([.\\d_+]*)?-(jre|jdk)(-[a-z0-9.]+)?(@sha256:[0-9a-f]{64})?"
                    + "|registry\\.access\\.redhat\\.com/ubi\\d+/openjdk-17-runtime(:[\\w.-]+)?(@sha256:[0-9a-f]{64})?");
    static final String VERSION_ARG = "KADMESH_VERSION";
    static final String VERSION_LABEL = "org.opencontainers.image.version";

    /**
     * What the Dockerfile must agree with.
     *
     * @param context the build context, the project directory ({@code docker build -f … .})
     * @param version the project version
     * @param ports the container ports of the manifests
     * @param uid the uid the manifests run the pods as
     */
    public record Expected(Path context, String version, Set<Integer> ports, long uid) {
    }

    private final Dockerfile file;
    private final Expected expected;
    private final List<String> problems = new ArrayList<>();

    private DockerfileChecks(Dockerfile file, Expected expected) {
        this.file = file;
        this.expected = expected;
    }

    /** Every problem found, each saying what and why; empty when all is well. */
    public static List<String> check(Dockerfile file, Expected expected) throws IOException {
        DockerfileChecks checks = new DockerfileChecks(file, expected);
        checks.baseImage();
        checks.copies();
        checks.entrypoint();
        checks.ports();
        checks.user();
        checks.version();
        checks.configHome();
        return List.copyOf(checks.problems);
    }

    private void baseImage() {
        List<Dockerfile.Instruction> from = file.all("FROM");
        if (from.size() != 1) {
            problems.add("FROM: expected one stage, found " + from.size());
            return;
        }
        String image = from.get(0).arguments().split("\\s+")[0];
        if (!JAVA_17_RUNTIME.matcher(image).matches()) {
            problems.add("FROM " + image + " is not a Java 17 runtime image (" + JAVA_17_RUNTIME + ")");
        }
    }

    private void copies() {
        for (Copy copy : copies(file)) {
            if (copy.fromStage()) {
                problems.add("COPY --from: one stage only, everything comes from the build output");
            }
            for (String source : copy.sources()) {
                Path path = expected.context().resolve(source).normalize();
                if (!path.startsWith(expected.context()) || !Files.exists(path)) {
                    problems.add("COPY source " + source + " is not in the build context " + expected.context()
                            + " (run ./mvnw package first?)");
                }
            }
        }
    }

    private void entrypoint() throws IOException {
        List<String> entrypoint = Dockerfile.execForm(file.last("ENTRYPOINT"));
        if (entrypoint == null || entrypoint.isEmpty()) {
            problems.add("ENTRYPOINT must be in exec form, [\"/path/to/launcher\"], so SIGTERM reaches the node");
            return;
        }
        String launcher = entrypoint.get(0);
        Path copied = null;
        for (Copy copy : copies(file)) {
            String destination = copy.destination().endsWith("/") ? copy.destination() : copy.destination() + "/";
            if (copy.sources().size() == 1 && launcher.startsWith(destination)) {
                copied = expected.context().resolve(copy.sources().get(0)).resolve(launcher.substring(destination.length()));
            }
        }
        if (copied == null) {
            problems.add("ENTRYPOINT " + launcher + " is in no directory a COPY fills");
        } else if (!Files.isRegularFile(copied) || !Files.isExecutable(copied)) {
            problems.add("ENTRYPOINT " + launcher + " would be " + copied + ", which is not an executable file");
        } else if (Files.mismatch(copied, expected.context().resolve("bin/kadmesh")) != -1) {
            problems.add("ENTRYPOINT " + launcher + " is not the project's launcher bin/kadmesh");
        } else if (!Files.isRegularFile(copied.getParent().resolveSibling("quarkus-run.jar"))) {
            problems.add("ENTRYPOINT " + launcher + ": no quarkus-run.jar beside its folder, where the launcher looks");
        }
    }

    private void ports() {
        Set<Integer> exposed = file.all("EXPOSE").stream()
                .flatMap(expose -> Arrays.stream(expose.arguments().split("\\s+")))
                .map(port -> Integer.parseInt(port.replace("/tcp", ""))).collect(Collectors.toSet());
        if (!exposed.equals(expected.ports())) {
            problems.add("EXPOSE " + exposed + " differs from the manifests' container ports " + expected.ports());
        }
    }

    private void user() {
        String user = file.last("USER");
        String uid = user == null ? "" : user.split(":")[0];
        if (!uid.matches("\\d+")) {
            problems.add("USER " + user + " is not a numeric uid; runAsNonRoot can only verify a number");
        } else if (Long.parseLong(uid) == 0) {
            problems.add("USER " + user + " is root");
        } else if (Long.parseLong(uid) != expected.uid()) {
            problems.add("USER " + uid + " differs from the manifests' runAsUser " + expected.uid());
        }
    }

    private void version() {
        String declared = file.pairs("ARG").get(VERSION_ARG);
        if (!expected.version().equals(declared)) {
            problems.add("ARG " + VERSION_ARG + "=" + declared + " differs from the project version " + expected.version());
        }
        String label = file.pairs("LABEL").get(VERSION_LABEL);
        if (label == null || !expected.version().equals(file.substitute(label))) {
            problems.add("LABEL " + VERSION_LABEL + "=" + label + " is not the project version " + expected.version());
        }
    }

    private void configHome() {
        Map<String, String> env = file.pairs("ENV");
        String volume = file.last("VOLUME");
        String xdg = env.get("XDG_CONFIG_HOME");
        if (volume == null || xdg == null || !xdg.startsWith(volume.strip() + "/")) {
            problems.add("ENV XDG_CONFIG_HOME=" + xdg + " is not under the VOLUME " + volume
                    + ": JGit writes its settings there, and the rest of the file system is read-only");
        }
    }

    private record Copy(List<String> sources, String destination, boolean fromStage) {
    }

    private static List<Copy> copies(Dockerfile file) {
        List<Copy> copies = new ArrayList<>();
        for (Dockerfile.Instruction copy : file.all("COPY")) {
            List<String> words = new ArrayList<>(Dockerfile.execForm(copy.arguments()) != null
                    ? Dockerfile.execForm(copy.arguments())
                    : List.of(copy.arguments().split("\\s+")));
            boolean fromStage = words.stream().anyMatch(word -> word.startsWith("--from"));
            words.removeIf(word -> word.startsWith("--"));
            copies.add(new Copy(List.copyOf(words.subList(0, words.size() - 1)), words.get(words.size() - 1), fromStage));
        }
        return copies;
    }
}
