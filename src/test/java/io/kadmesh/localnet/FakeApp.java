package io.kadmesh.localnet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Fake packaged applications: a {@code quarkus-run.jar} that runs {@link FakeNode}, or a broken one. */
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
        return appDir;
    }

    /** An application directory under {@code parent} whose jar is not a jar: java exits at once. */
    public static Path broken(Path parent) throws IOException {
        Path appDir = Files.createDirectories(parent.resolve("broken-app"));
        Files.writeString(appDir.resolve("quarkus-run.jar"), "not a jar");
        return appDir;
    }
}
