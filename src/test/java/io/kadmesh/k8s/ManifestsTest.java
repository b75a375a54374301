package io.kadmesh.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * {@code k8s/base} and its overlays, rendered with {@code kubectl kustomize} and checked offline by
 * {@link ManifestChecks}: every field known to the Kubernetes model, probes, Services, disruption budget,
 * references to ConfigMap and Secret keys, image tag equal to the project version; and what each overlay
 * is for. {@link ManifestChecksTest} shows the checks catch broken manifests.
 */
class ManifestsTest {

    static final Path PROJECT = Path.of(System.getProperty("build.project.dir", ".")).toAbsolutePath();
    static final Path K8S = PROJECT.resolve("k8s");
    private static final String SECRET = "kadmesh-secrets";
    private static final Pattern CREATE_SECRET = Pattern
            .compile("kubectl (?:-n \\S+ )?create secret generic " + SECRET + "((?:[^\\n]*\\\\\\n)*[^\\n]*)");
    private static final Pattern SECRET_KEY = Pattern.compile("--from-(?:literal|file)=([A-Za-z0-9._-]+)=");

    /** The Secret the operator creates, with the keys the README's {@code kubectl create secret} gives it. */
    static Expectations expectations() throws IOException {
        return new Expectations(ProjectVersion.of(PROJECT), Map.of(SECRET, readmeSecretKeys()));
    }

    private static Set<String> readmeSecretKeys() throws IOException {
        String readme = Files.readString(K8S.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher command = CREATE_SECRET.matcher(readme);
        assertTrue(command.find(), "k8s/README.md shows no 'kubectl create secret generic " + SECRET + "'");
        Set<String> keys = new TreeSet<>();
        Matcher key = SECRET_KEY.matcher(command.group(1));
        while (key.find()) {
            keys.add(key.group(1));
        }
        return keys;
    }

    static Manifests render(String dir) throws IOException, InterruptedException {
        return Manifests.parse(Kustomize.render(K8S.resolve(dir)));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void baseIsValidAndCommitsNoSecret() throws Exception {
        Manifests base = render("base");

        assertEquals(List.of(), ManifestChecks.check(base, expectations()));
        assertEquals(List.of(), base.ofType(Secret.class), "base must not carry secret values");
        assertEquals(Set.of("kadmesh-bootstrap"), names(base.ofType(Deployment.class)));
        assertEquals(Set.of("kadmesh-node"), names(base.ofType(StatefulSet.class)));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void devRunsThreeNodesInItsNamespaceWithAGeneratedDevSecret() throws Exception {
        Manifests dev = render("overlays/dev");

        assertEquals(List.of(), ManifestChecks.check(dev, expectations()));
        assertEveryObjectIn(dev, "kadmesh-dev");
        assertEquals(3, nodes(dev).getSpec().getReplicas());
        Secret secret = dev.ofType(Secret.class).get(0);
        assertTrue(secret.getMetadata().getName().startsWith(SECRET + "-"), "generated, with a hash suffix");
        assertEquals(readmeSecretKeys(), secret.getData().keySet(), "the keys of the Secret prod creates by hand");
        secret.getData().forEach((key, value) -> assertTrue(
                new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8).contains("dev"),
                key + " must be an obviously-dev value"));
        assertTrue(configRepoUri(dev).startsWith("http://git-server.kadmesh-dev.svc"), configRepoUri(dev));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void prodRunsFifteenNodesFromThePinnedImageAndExpectsTheSecret() throws Exception {
        Manifests prod = render("overlays/prod");

        assertEquals(List.of(), ManifestChecks.check(prod, expectations()));
        assertEveryObjectIn(prod, "kadmesh");
        assertEquals(15, nodes(prod).getSpec().getReplicas());
        assertEquals(List.of(), prod.ofType(Secret.class), "prod expects the Secret to exist");
        String image = nodes(prod).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        assertEquals("registry.example.com/kadmesh/kadmesh:" + ProjectVersion.of(PROJECT), image);
        assertFalse(configRepoUri(prod).isEmpty());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void theReadmeCreatesTheSecretWithTheKeysTheNodesRead() throws Exception {
        assertEquals(new TreeSet<>(Set.of("api-token", "config-repo-username", "config-repo-password")),
                readmeSecretKeys());
    }

    private static StatefulSet nodes(Manifests manifests) {
        return manifests.named(StatefulSet.class, "kadmesh-node").orElseThrow();
    }

    private static String configRepoUri(Manifests manifests) {
        String map = nodes(manifests).getSpec().getTemplate().getSpec().getContainers().stream().map(Container::getEnv)
                .flatMap(List::stream).filter(env -> env.getName().equals("KADMESH_CONFIG_REPO_URI")).findFirst()
                .orElseThrow().getValueFrom().getConfigMapKeyRef().getName();
        return manifests.named(ConfigMap.class, map).orElseThrow().getData()
                .get("config-repo-uri");
    }

    private static void assertEveryObjectIn(Manifests manifests, String namespace) {
        for (HasMetadata object : manifests.all()) {
            String actual = object instanceof Namespace ? object.getMetadata().getName()
                    : object.getMetadata().getNamespace();
            assertEquals(namespace, actual, Manifests.label(object));
        }
    }

    private static Set<String> names(List<? extends HasMetadata> objects) {
        return objects.stream().map(object -> object.getMetadata().getName()).collect(Collectors.toSet());
    }
}
