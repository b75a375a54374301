package io.kadmesh.k8s;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

/**
 * The checks of one workload's pod template: probes on the node's health endpoints through a named port
 * of the container, Prometheus annotations, memory limits, the image tag, every key an env var or a volume
 * reads from a ConfigMap or Secret, env references defined before use, and a non-root, writable-where-needed
 * security context.
 */
final class PodTemplateChecks {

    static final String LIVE = "/q/health/live";
    static final String READY = "/q/health/ready";
    private static final Set<String> STARTED = Set.of(LIVE, "/q/health/started");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private final Manifests manifests;
    private final Expectations expected;
    private final Consumer<String> problems;

    PodTemplateChecks(Manifests manifests, Expectations expected, Consumer<String> problems) {
        this.manifests = manifests;
        this.expected = expected;
        this.problems = problems;
    }

    /** Checks {@code template}; {@code claims} names the volume claim templates of a StatefulSet. */
    void check(String where, PodTemplateSpec template, Set<String> claims) {
        PodSpec pod = template.getSpec();
        Set<String> volumes = pod.getVolumes().stream().map(Volume::getName).collect(Collectors.toCollection(HashSet::new));
        volumes.addAll(claims);
        annotations(where, template.getMetadata().getAnnotations());
        podSecurity(where, pod);
        pod.getVolumes().forEach(volume -> volumeKeys(where + " volume " + volume.getName(), volume));
        for (Container container : pod.getContainers()) {
            String at = where + " container " + container.getName();
            image(at, container.getImage());
            probes(at, container);
            resources(at, container);
            env(at, container.getEnv());
            mounts(at, container, volumes);
        }
    }

    private void annotations(String where, Map<String, String> annotations) {
        Map<String, String> present = annotations == null ? Map.of() : annotations;
        Map.of("prometheus.io/scrape", "true", "prometheus.io/path", "/q/metrics", "prometheus.io/port", "8080")
                .forEach((key, value) -> {
                    if (!value.equals(present.get(key))) {
                        problems.accept(where + ": pod annotation " + key + " is " + present.get(key) + ", not " + value);
                    }
                });
    }

    private void podSecurity(String where, PodSpec pod) {
        var security = pod.getSecurityContext();
        if (security == null || !Boolean.TRUE.equals(security.getRunAsNonRoot())) {
            problems.accept(where + ": securityContext.runAsNonRoot is not true");
            return;
        }
        boolean keepsAKey = pod.getContainers().stream().anyMatch(c -> env(c, "KADMESH_IDENTITY_KEY_FILE").isPresent());
        if (security.getFsGroup() != null && keepsAKey && !"OnRootMismatch".equals(security.getFsGroupChangePolicy())) {
            problems.accept(where + ": fsGroup without fsGroupChangePolicy OnRootMismatch makes the node's key file"
                    + " group-readable on every mount, and the node refuses such a key");
        }
    }

    private void image(String where, String image) {
        String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "latest";
        if (!tag.equals(expected.imageTag())) {
            problems.accept(where + ": image " + image + " is not tagged with the project version " + expected.imageTag());
        }
    }

    private void probes(String where, Container container) {
        Set<String> ports = container.getPorts().stream().map(ContainerPort::getName).filter(name -> name != null)
                .collect(Collectors.toSet());
        probe(where + " livenessProbe", container.getLivenessProbe(), Set.of(LIVE), ports, true);
        probe(where + " readinessProbe", container.getReadinessProbe(), Set.of(READY), ports, true);
        probe(where + " startupProbe", container.getStartupProbe(), STARTED, ports, false);
    }

    private void probe(String where, Probe probe, Set<String> paths, Set<String> ports, boolean required) {
        if (probe == null) {
            if (required) {
                problems.accept(where + " is missing");
            }
            return;
        }
        if (probe.getHttpGet() == null) {
            problems.accept(where + " is not an httpGet probe");
            return;
        }
        if (!paths.contains(probe.getHttpGet().getPath())) {
            problems.accept(where + " path is " + probe.getHttpGet().getPath() + ", not " + String.join(" or ", paths));
        }
        String port = probe.getHttpGet().getPort() == null ? null : probe.getHttpGet().getPort().getStrVal();
        if (port == null || !ports.contains(port)) {
            problems.accept(where + " port " + probe.getHttpGet().getPort() + " is not a named port of the container "
                    + ports);
        }
    }

    private void resources(String where, Container container) {
        var resources = container.getResources();
        Map<String, Quantity> limits = resources == null || resources.getLimits() == null ? Map.of() : resources.getLimits();
        Map<String, Quantity> requests = resources == null || resources.getRequests() == null ? Map.of()
                : resources.getRequests();
        if (!limits.containsKey("memory")) {
            problems.accept(where + ": no memory limit");
        }
        if (!requests.containsKey("memory") || !requests.containsKey("cpu")) {
            problems.accept(where + ": memory and cpu requests must both be set, found " + requests.keySet());
        }
        if (limits.containsKey("memory") && requests.containsKey("memory") && requests.get("memory").getNumericalAmount()
                .compareTo(limits.get("memory").getNumericalAmount()) > 0) {
            problems.accept(where + ": memory request above the limit");
        }
    }

    private void env(String where, List<EnvVar> env) {
        Set<String> defined = new HashSet<>();
        for (EnvVar variable : env) {
            if (variable.getValue() != null) {
                Matcher reference = REFERENCE.matcher(variable.getValue());
                while (reference.find()) {
                    if (!defined.contains(reference.group(1))) {
                        problems.accept(where + " env " + variable.getName() + " uses $(" + reference.group(1)
                                + ") before it is defined; Kubernetes would leave it as text");
                    }
                }
            }
            EnvVarSource source = variable.getValueFrom();
            if (source != null && source.getSecretKeyRef() != null) {
                secretKey(where + " env " + variable.getName(), source.getSecretKeyRef().getName(),
                        source.getSecretKeyRef().getKey());
            }
            if (source != null && source.getConfigMapKeyRef() != null) {
                configMapKey(where + " env " + variable.getName(), source.getConfigMapKeyRef().getName(),
                        source.getConfigMapKeyRef().getKey());
            }
            defined.add(variable.getName());
        }
    }

    private void volumeKeys(String where, Volume volume) {
        if (volume.getSecret() != null) {
            List<KeyToPath> items = volume.getSecret().getItems();
            items.forEach(item -> secretKey(where, volume.getSecret().getSecretName(), item.getKey()));
        }
        if (volume.getConfigMap() != null) {
            volume.getConfigMap().getItems()
                    .forEach(item -> configMapKey(where, volume.getConfigMap().getName(), item.getKey()));
        }
    }

    private void secretKey(String where, String name, String key) {
        Optional<Secret> secret = manifests.named(Secret.class, name);
        Set<String> keys;
        if (secret.isPresent()) {
            keys = new HashSet<>(secret.get().getData() == null ? Set.of() : secret.get().getData().keySet());
            keys.addAll(secret.get().getStringData() == null ? Set.of() : secret.get().getStringData().keySet());
        } else if (expected.externalSecrets().containsKey(name)) {
            keys = expected.externalSecrets().get(name);
        } else {
            problems.accept(where + " reads Secret " + name + ", which is neither in the manifests nor created by hand");
            return;
        }
        if (!keys.contains(key)) {
            problems.accept(where + " reads key " + key + " of Secret " + name + ", which has only " + keys);
        }
    }

    private void configMapKey(String where, String name, String key) {
        Optional<ConfigMap> map = manifests.named(ConfigMap.class, name);
        if (map.isEmpty()) {
            problems.accept(where + " reads ConfigMap " + name + ", which is not in the manifests");
        } else if (map.get().getData() == null || !map.get().getData().containsKey(key)) {
            problems.accept(where + " reads key " + key + " of ConfigMap " + name + ", which has only "
                    + (map.get().getData() == null ? Set.of() : map.get().getData().keySet()));
        }
    }

    private void mounts(String where, Container container, Set<String> volumes) {
        List<VolumeMount> mounts = container.getVolumeMounts();
        mounts.stream().filter(mount -> !volumes.contains(mount.getName()))
                .forEach(mount -> problems.accept(where + " mounts volume " + mount.getName() + ", which is not defined"));
        Set<String> paths = mounts.stream().map(VolumeMount::getMountPath).collect(Collectors.toSet());
        var security = container.getSecurityContext();
        if (security != null && Boolean.TRUE.equals(security.getReadOnlyRootFilesystem()) && !paths.contains("/tmp")) {
            problems.accept(where + ": a read-only root file system needs a volume on /tmp (the JVM writes there)");
        }
        env(container, "KADMESH_IDENTITY_KEY_FILE").ifPresent(keyFile -> {
            String dir = keyFile.substring(0, Math.max(keyFile.lastIndexOf('/'), 0));
            if (!paths.contains(dir)) {
                problems.accept(where + ": the key file " + keyFile + " is not on a volume mounted at " + dir);
            }
        });
    }

    /** The literal value of env var {@code name} of {@code container}. */
    static Optional<String> env(Container container, String name) {
        return container.getEnv().stream().filter(variable -> name.equals(variable.getName()))
                .map(EnvVar::getValue).filter(value -> value != null).findFirst();
    }
}
