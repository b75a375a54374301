package io.kadmesh.localnet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Fake packaged applications: a {@code quarkus-run.jar} that runs {@link FakeNode}, or a broken one,
 * each with the real launcher ({@code bin/kadmesh} of this project) and JVM options of its own.
 */
public final class FakeApp {

    private FakeApp() {
    }

    /** An application directory under {@code parent} whose jar runs {@link FakeNode}. */
    public static Path ofFakeNode(Path parent) throws IOException {
        Path appDir = Files.createDirectories(parent.resolve("fake-app"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeNode.class.getName());
        String entry = FakeNode.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(appDir.resolve("quarkus-run.jar"));
                JarOutputStream jar = new JarOutputStream(file, manifest);
                InputStream classFile = FakeNode.class.getClassLoader().getResourceAsStream(entry)) {
            jar.putNextEntry(new JarEntry(entry));
            classFile.transferTo(jar);
            jar.closeEntry();
        }
        addLauncher(appDir, "-Xmx64m", "-XX:+UseSerialGC");
        return appDir;
    }

    /** An application directory under {@code parent} whose jar is not a jar: java exits at once. */
    public static Path broken(Path parent) throws IOException {
        Path appDir = Files.createDirectories(parent.resolve("broken-app"));
        Files.writeString(appDir.resolve("quarkus-run.jar"), "not a jar");
        addLauncher(appDir);
        return appDir;
    }

    /**
     * Puts the project's launcher into {@code appDir/bin}, executable, as the build does, with a
     * {@code jvm.options} of {@code options}, one a line.
     */
    public static void addLauncher(Path appDir, String... options) throws IOException {
        Path launcher = appDir.resolve(NodeCommand.LAUNCHER);
        Files.createDirectories(launcher.getParent());
        Files.copy(Path.of("bin/kadmesh"), launcher, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.write(launcher.resolveSibling("jvm.options"), List.of(options), StandardCharsets.UTF_8);
    }
}
