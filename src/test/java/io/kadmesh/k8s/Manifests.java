package io.kadmesh.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** A set of Kubernetes objects parsed into fabric8's typed model; a value of the wrong type fails the parse. */
public final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final List<HasMetadata> objects;

    private Manifests(List<HasMetadata> objects) {
        this.objects = objects;
    }

    /** The objects of a YAML stream of one or more documents. */
    public static Manifests parse(String yaml) {
        Object parsed = SERIALIZATION.unmarshal(yaml);
        Stream<?> documents = parsed instanceof Collection<?> many ? many.stream() : Stream.of(parsed);
        return new Manifests(documents.map(Manifests::object).toList());
    }

    /**
     * The objects of every {@code *.yaml} file of {@code dir} but {@code kustomization.yaml}, as written (not
     * rendered: no generated objects, names without hash suffixes).
     */
    public static Manifests parseFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> yamlFiles = files.filter(file -> file.toString().endsWith(".yaml"))
                    .filter(file -> !file.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
            StringBuilder all = new StringBuilder();
            for (Path file : yamlFiles) {
                all.append("---\n").append(Files.readString(file)).append('\n');
            }
            return parse(all.toString());
        }
    }

    private static HasMetadata object(Object document) {
        if (document instanceof HasMetadata object) {
            return object;
        }
        throw new IllegalArgumentException("not a Kubernetes object: " + document);
    }

    /** Every object, in document order. */
    public List<HasMetadata> all() {
        return objects;
    }

    /** The objects of one type. */
    public <T extends KubernetesResource> List<T> ofType(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The object of {@code type} named {@code name}, if there is one. */
    public <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return ofType(type).stream().filter(object -> name.equals(object.getMetadata().getName())).findFirst();
    }

    /** {@code Kind/name}, how problems name an object. */
    static String label(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }
}
