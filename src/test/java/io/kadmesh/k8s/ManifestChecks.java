package io.kadmesh.k8s;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Checks a rendering of {@code k8s/} offline, as far as the API server's schema and Kadmesh's needs go:
 * known kinds, no unknown field anywhere ({@link StrictFields}), each pod template ({@link PodTemplateChecks}),
 * and what ties the objects together: the nodes' headless Service with {@code publishNotReadyAddresses}, their
 * PodDisruptionBudget, Services that select pods with the ports they name, the nodes' advertised URL under the
 * headless Service, and the bootstrap that reaches and allows them.
 */
final class ManifestChecks {

    private final Manifests manifests;
    private final Expectations expected;
    private final List<String> problems = new ArrayList<>();

    private ManifestChecks(Manifests manifests, Expectations expected) {
        this.manifests = manifests;
        this.expected = expected;
    }

    /** Every problem found, each naming the object and the path or rule; empty when all is well. */
    static List<String> check(Manifests manifests, Expectations expected) {
        ManifestChecks checks = new ManifestChecks(manifests, expected);
        checks.run();
        return List.copyOf(checks.problems);
    }

    private void run() {
        for (HasMetadata object : manifests.all()) {
            if (object instanceof GenericKubernetesResource) {
                problems.add(Manifests.label(object) + ": unknown kind " + object.getApiVersion() + " " + object.getKind());
                continue;
            }
            StrictFields.unknown(object).forEach(path -> problems.add(Manifests.label(object) + ": unknown field " + path));
        }
        PodTemplateChecks pods = new PodTemplateChecks(manifests, expected, problems::add);
        for (Deployment deployment : manifests.ofType(Deployment.class)) {
            workload(Manifests.label(deployment), deployment.getSpec().getSelector(), deployment.getSpec().getTemplate());
            pods.check(Manifests.label(deployment), deployment.getSpec().getTemplate(), Set.of());
        }
        for (StatefulSet set : manifests.ofType(StatefulSet.class)) {
            workload(Manifests.label(set), set.getSpec().getSelector(), set.getSpec().getTemplate());
            Set<String> claims = set.getSpec().getVolumeClaimTemplates().stream().map(claim -> claim.getMetadata().getName())
                    .collect(Collectors.toSet());
            pods.check(Manifests.label(set), set.getSpec().getTemplate(), claims);
            statefulSet(set);
        }
        manifests.ofType(Service.class).forEach(this::service);
        manifests.ofType(PodDisruptionBudget.class).forEach(this::disruptionBudget);
        bootstrapReachesAndAllowsTheNodes();
    }

    private void workload(String where, LabelSelector selector, PodTemplateSpec template) {
        if (!selects(selector.getMatchLabels(), template)) {
            problems.add(where + ": selector " + selector.getMatchLabels() + " does not select its own pods "
                    + template.getMetadata().getLabels());
        }
    }

    private void statefulSet(StatefulSet set) {
        String where = Manifests.label(set);
        if (!"Parallel".equals(set.getSpec().getPodManagementPolicy())) {
            problems.add(where + ": podManagementPolicy is not Parallel");
        }
        String serviceName = set.getSpec().getServiceName();
        Optional<Service> service = manifests.named(Service.class, serviceName == null ? "" : serviceName);
        if (service.isEmpty()) {
            problems.add(where + ": serviceName " + serviceName + " names no Service");
        } else {
            headless(where, service.get(), set.getSpec().getTemplate());
        }
        boolean budgeted = manifests.ofType(PodDisruptionBudget.class).stream()
                .anyMatch(budget -> selects(budget.getSpec().getSelector().getMatchLabels(), set.getSpec().getTemplate()));
        if (!budgeted) {
            problems.add(where + ": no PodDisruptionBudget selects its pods");
        }
        for (PersistentVolumeClaim claim : set.getSpec().getVolumeClaimTemplates()) {
            if (claim.getSpec().getResources() == null || claim.getSpec().getResources().getRequests() == null
                    || !claim.getSpec().getResources().getRequests().containsKey("storage")) {
                problems.add(where + ": volume claim template " + claim.getMetadata().getName() + " requests no storage");
            }
        }
    }

    private void headless(String where, Service service, PodTemplateSpec template) {
        String at = where + " serviceName " + service.getMetadata().getName();
        if (!"None".equals(service.getSpec().getClusterIP())) {
            problems.add(at + ": not headless (clusterIP " + service.getSpec().getClusterIP() + ", not None)");
        }
        if (!Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses())) {
            problems.add(at + ": publishNotReadyAddresses is not true, so a joining node's name does not resolve");
        }
        if (!selects(service.getSpec().getSelector(), template)) {
            problems.add(at + ": selector " + service.getSpec().getSelector() + " does not select the StatefulSet's pods");
        }
    }

    private void service(Service service) {
        String where = Manifests.label(service);
        List<PodTemplateSpec> selected = templates().filter(template -> selects(service.getSpec().getSelector(), template))
                .toList();
        if (selected.isEmpty()) {
            problems.add(where + ": selector " + service.getSpec().getSelector() + " selects no pods");
        }
        for (ServicePort port : service.getSpec().getPorts()) {
            String target = port.getTargetPort() == null ? null : port.getTargetPort().getStrVal();
            boolean found = target == null || selected.stream().allMatch(template -> portNames(template).contains(target));
            if (!found) {
                problems.add(where + ": targetPort " + target + " is not a named port of the pods it selects");
            }
        }
    }

    private void disruptionBudget(PodDisruptionBudget budget) {
        boolean selectsNodes = manifests.ofType(StatefulSet.class).stream()
                .anyMatch(set -> selects(budget.getSpec().getSelector().getMatchLabels(), set.getSpec().getTemplate()));
        if (!selectsNodes) {
            problems.add(Manifests.label(budget) + ": selector " + budget.getSpec().getSelector().getMatchLabels()
                    + " selects no node pods");
        }
    }

    /**
     * Each StatefulSet advertises {@code ws://$(POD_NAME).<serviceName>.$(POD_NAMESPACE).svc.cluster.local:<port>/dht};
     * its bootstrap URL names a Service that selects a bootstrap's pods and publishes them before they are
     * ready; and each bootstrap allows the headless Service's domain in {@code KADMESH_BOOTSTRAP_DIALABLE_HOSTS}.
     */
    private void bootstrapReachesAndAllowsTheNodes() {
        List<Container> bootstraps = manifests.ofType(Deployment.class).stream()
                .flatMap(deployment -> deployment.getSpec().getTemplate().getSpec().getContainers().stream())
                .filter(container -> PodTemplateChecks.env(container, "KADMESH_ROLE").orElse("").equals("bootstrap"))
                .toList();
        for (StatefulSet set : manifests.ofType(StatefulSet.class)) {
            String where = Manifests.label(set);
            String domain = "." + set.getSpec().getServiceName() + ".$(POD_NAMESPACE).svc.cluster.local";
            for (Container container : set.getSpec().getTemplate().getSpec().getContainers()) {
                String advertised = "ws://$(POD_NAME)" + domain + ":" + httpPort(container) + "/dht";
                if (!advertised.equals(PodTemplateChecks.env(container, "KADMESH_ADVERTISED_URL").orElse(""))) {
                    problems.add(where + ": KADMESH_ADVERTISED_URL is not " + advertised);
                }
                PodTemplateChecks.env(container, "KADMESH_BOOTSTRAP_URLS").ifPresentOrElse(
                        urls -> bootstrapUrls(where, urls), () -> problems.add(where + ": no KADMESH_BOOTSTRAP_URLS"));
            }
            for (Container bootstrap : bootstraps) {
                List<String> allowed = List
                        .of(PodTemplateChecks.env(bootstrap, "KADMESH_BOOTSTRAP_DIALABLE_HOSTS").orElse("source").split(","));
                if (!allowed.contains(domain)) {
                    problems.add(where + ": the bootstrap's KADMESH_BOOTSTRAP_DIALABLE_HOSTS " + allowed + " lacks " + domain
                            + ", so it refuses the nodes' registrations");
                }
            }
        }
    }

    private void bootstrapUrls(String where, String urls) {
        for (String url : urls.split(",")) {
            URI uri = URI.create(url.trim());
            String name = uri.getHost() == null ? "" : uri.getHost().split("\\.")[0];
            Optional<Service> service = manifests.named(Service.class, name);
            boolean toABootstrap = service.isPresent()
                    && templates().filter(t -> selects(service.get().getSpec().getSelector(), t))
                            .flatMap(t -> t.getSpec().getContainers().stream())
                            .anyMatch(c -> PodTemplateChecks.env(c, "KADMESH_ROLE").orElse("").equals("bootstrap"));
            if (!toABootstrap) {
                problems.add(where + ": bootstrap URL " + url + " names no Service of a bootstrap's pods");
            } else if (!Boolean.TRUE.equals(service.get().getSpec().getPublishNotReadyAddresses())) {
                problems.add(where + ": bootstrap Service " + name + " must publish not-ready addresses: a bootstrap"
                        + " is ready only after nodes joined it");
            }
        }
    }

    private static int httpPort(Container container) {
        return container.getPorts().stream().filter(port -> "http".equals(port.getName()))
                .map(ContainerPort::getContainerPort).findFirst().orElse(-1);
    }

    private Stream<PodTemplateSpec> templates() {
        return Stream.concat(manifests.ofType(Deployment.class).stream().map(d -> d.getSpec().getTemplate()),
                manifests.ofType(StatefulSet.class).stream().map(s -> s.getSpec().getTemplate()));
    }

    private static Set<String> portNames(PodTemplateSpec template) {
        return template.getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream()).map(ContainerPort::getName)
                .filter(name -> name != null).collect(Collectors.toSet());
    }

    /** Whether a non-empty label selector matches the template's labels. */
    private static boolean selects(Map<String, String> selector, PodTemplateSpec template) {
        Map<String, String> labels = template.getMetadata().getLabels();
        return selector != null && !selector.isEmpty() && labels != null
                && selector.entrySet().stream().allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
    }
}
