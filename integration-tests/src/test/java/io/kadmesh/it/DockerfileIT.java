package io.kadmesh.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kadmesh.it.harness.Dockerfile;
import io.kadmesh.it.harness.DockerfileChecks;
import io.kadmesh.it.harness.PackagedApp;
import io.kadmesh.k8s.Manifests;
import io.kadmesh.k8s.ProjectVersion;

/**
 * The container image's Dockerfile ({@code src/main/docker/Dockerfile.jvm}) fits the packaged build and the
 * Kubernetes manifests of {@code k8s/base}, checked without a Docker engine ({@link DockerfileChecks}): its
 * COPY sources are in the build output, its entry point is the launcher, executable, in the copied
 * application directory, it exposes the manifests' container port, runs as their non-root uid, on a Java 17
 * runtime, labelled with the project version.
 */
class DockerfileIT {

    @Test
    void theDockerfileFitsTheBuildOutputAndTheManifests() throws Exception {
        Path project = PackagedApp.dir().toAbsolutePath().getParent().getParent();
        Dockerfile dockerfile = Dockerfile.parse(Files.readString(project.resolve("src/main/docker/Dockerfile.jvm")));
        Manifests manifests = Manifests.parseFiles(project.resolve("k8s/base"));
        List<PodTemplateSpec> pods = Stream.concat(
                manifests.ofType(Deployment.class).stream().map(deployment -> deployment.getSpec().getTemplate()),
                manifests.ofType(StatefulSet.class).stream().map(set -> set.getSpec().getTemplate())).toList();
        Set<Integer> ports = pods.stream().flatMap(pod -> pod.getSpec().getContainers().stream())
                .flatMap(container -> container.getPorts().stream()).map(ContainerPort::getContainerPort)
                .collect(Collectors.toSet());
        Set<Long> uids = pods.stream().map(pod -> pod.getSpec().getSecurityContext().getRunAsUser())
                .filter(Objects::nonNull).collect(Collectors.toSet());
        assertEquals(1, uids.size(), "the manifests run every pod as one uid: " + uids);

        List<String> problems = DockerfileChecks.check(dockerfile, new DockerfileChecks.Expected(project,
                ProjectVersion.of(project), ports, uids.iterator().next()));

        assertEquals(List.of(), problems);
    }
}
