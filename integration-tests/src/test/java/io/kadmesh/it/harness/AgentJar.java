package io.kadmesh.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * A Java agent jar written at test time from the test's own compiled classes, for {@code -javaagent}
 * of node processes: the agent class and its nested classes, a manifest naming the agent's
 * {@code Premain-Class}, and a {@code Class-Path} of the jars (or folders) its libraries come from on
 * the test's class path, by absolute URL. Nothing is downloaded or packaged by the build for it.
 */
public final class AgentJar {

    private AgentJar() {
    }

    /**
     * Writes to {@code jar} an agent jar of {@code agent} (a class with a {@code premain} method) and
     * its nested classes, whose class path holds where each class of {@code libraries} was loaded
     * from; returns {@code jar}.
     */
    public static Path write(Path jar, Class<?> agent, Class<?>... libraries) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Premain-Class", agent.getName());
        main.put(Attributes.Name.CLASS_PATH,
                Arrays.stream(libraries).map(AgentJar::origin).distinct().collect(Collectors.joining(" ")));
        try {
            Files.createDirectories(jar.toAbsolutePath().getParent());
            try (OutputStream file = Files.newOutputStream(jar);
                    JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (Class<?> type : classesOf(agent)) {
                    String entry = type.getName().replace('.', '/') + ".class";
                    out.putNextEntry(new JarEntry(entry));
                    try (InputStream bytes = agent.getClassLoader().getResourceAsStream(entry)) {
                        if (bytes == null) {
                            throw new IllegalStateException("no class file " + entry + " on the test's class path");
                        }
                        bytes.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the agent jar " + jar, e);
        }
    }

    /** {@code agent} and the classes nested in it, the agent first. */
    static List<Class<?>> classesOf(Class<?> agent) {
        if (agent.getNestHost() != agent) {
            throw new IllegalArgumentException("the agent must be a top-level class, got " + agent.getName());
        }
        return Arrays.asList(agent.getNestMembers());
    }

    /** The absolute URL of the jar or folder {@code type} was loaded from. */
    private static String origin(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalArgumentException("cannot tell where " + type.getName() + " was loaded from");
        }
        try {
            return Path.of(source.getLocation().toURI()).toUri().toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot tell where " + type.getName() + " was loaded from", e);
        }
    }
}
