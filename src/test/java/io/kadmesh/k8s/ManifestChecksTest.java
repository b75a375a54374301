package io.kadmesh.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * {@link ManifestChecks} catches broken manifests: each case breaks the rendered {@code k8s/base} in one
 * way, as text (a misspelt field the typed model would swallow) or as objects, and expects the problem
 * to be named. The unbroken rendering has no problem, so each problem comes from the breakage.
 */
class ManifestChecksTest {

    private static String base;
    private static Expectations expected;

    @BeforeAll
    static void render() throws Exception {
        base = Kustomize.render(ManifestsTest.K8S.resolve("base"));
        expected = ManifestsTest.expectations();
    }

    private static List<String> problemsOf(String yaml) {
        return ManifestChecks.check(Manifests.parse(yaml), expected);
    }

    private static List<String> problemsAfter(Consumer<Manifests> breakage) {
        Manifests manifests = Manifests.parse(base);
        breakage.accept(manifests);
        return ManifestChecks.check(manifests, expected);
    }

    private static void assertReported(List<String> problems, String expectedText) {
        assertTrue(problems.stream().anyMatch(problem -> problem.contains(expectedText)),
                "expected a problem containing '" + expectedText + "', got " + problems);
    }

    private static String replaceOnce(String text, String from, String to) {
        assertTrue(text.contains(from), from);
        return text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));
    }

    private static Container nodeContainer(Manifests manifests) {
        return manifests.named(StatefulSet.class, "kadmesh-node").orElseThrow().getSpec().getTemplate().getSpec()
                .getContainers().get(0);
    }

    private static Container bootstrapContainer(Manifests manifests) {
        return manifests.named(Deployment.class, "kadmesh-bootstrap").orElseThrow().getSpec().getTemplate().getSpec()
                .getContainers().get(0);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void theUnbrokenBaseHasNoProblem() {
        assertEquals(List.of(), problemsOf(base));
    }

    @Test
    void aMisspeltFieldIsNamedWithItsPath() {
        List<String> problems = problemsOf(replaceOnce(base, "- containerPort: 8080", "- containerPrt: 8080"));

        assertReported(problems,
                "Deployment/kadmesh-bootstrap: unknown field .spec.template.spec.containers[0].ports[0].containerPrt");
    }

    @Test
    void aMisspeltProbeFieldIsNamed() {
        List<String> problems = problemsOf(replaceOnce(base, "periodSeconds: 10", "periodSecnds: 10"));

        assertReported(problems, "livenessProbe.periodSecnds");
    }

    @Test
    void aValueOfTheWrongTypeFailsTheParse() {
        assertThrows(IllegalArgumentException.class,
                () -> Manifests.parse(replaceOnce(base, "replicas: 1", "replicas: one")));
    }

    @Test
    void anUnknownKindIsReported() {
        assertReported(problemsOf(replaceOnce(base, "kind: PodDisruptionBudget", "kind: PodDisruptionBudgett")),
                "unknown kind policy/v1 PodDisruptionBudgett");
    }

    @Test
    void aProbeOnAWrongPathIsReported() {
        List<String> problems = problemsOf(replaceOnce(base, "path: /q/health/ready", "path: /health/ready"));

        assertReported(problems, "Deployment/kadmesh-bootstrap container kadmesh readinessProbe path is /health/ready");
    }

    @Test
    void aProbeOnAPortTheContainerDoesNotNameIsReported() {
        List<String> problems = problemsAfter(manifests -> nodeContainer(manifests).getLivenessProbe().getHttpGet()
                .setPort(new IntOrString("admin")));

        assertReported(problems, "StatefulSet/kadmesh-node container kadmesh livenessProbe port");
    }

    @Test
    void aServiceThatIsNotHeadlessIsReported() {
        List<String> problems = problemsOf(replaceOnce(base, "clusterIP: None", "clusterIP: 10.0.0.10"));

        assertReported(problems, "serviceName kadmesh-nodes: not headless");
    }

    @Test
    void aHeadlessServiceHidingNotReadyPodsIsReported() {
        List<String> problems = problemsOf(base.replace("publishNotReadyAddresses: true", "publishNotReadyAddresses: false"));

        assertReported(problems, "serviceName kadmesh-nodes: publishNotReadyAddresses is not true");
        assertReported(problems, "bootstrap Service kadmesh-bootstrap must publish not-ready addresses");
    }

    @Test
    void aDisruptionBudgetThatSelectsNoNodeIsReported() {
        List<String> problems = problemsAfter(manifests -> manifests.ofType(PodDisruptionBudget.class).get(0).getSpec()
                .getSelector().setMatchLabels(Map.of("app.kubernetes.io/component", "nodes")));

        assertReported(problems, "PodDisruptionBudget/kadmesh-node: selector");
        assertReported(problems, "StatefulSet/kadmesh-node: no PodDisruptionBudget selects its pods");
    }

    @Test
    void aKeyMissingFromTheConfigMapOrTheSecretIsReported() {
        String broken = replaceOnce(replaceOnce(base, "key: config-repo-branch", "key: config-repo-brnch"),
                "key: api-token", "key: api-tokn");

        List<String> problems = problemsOf(broken);

        assertReported(problems, "env KADMESH_CONFIG_REPO_BRANCH reads key config-repo-brnch of ConfigMap");
        assertReported(problems, "env KADMESH_API_TOKEN reads key api-tokn of Secret kadmesh-secrets");
    }

    @Test
    void aSecretNobodyCreatesIsReported() {
        List<String> problems = ManifestChecks.check(Manifests.parse(base),
                new Expectations(expected.imageTag(), Map.of()));

        assertReported(problems, "reads Secret kadmesh-secrets, which is neither in the manifests nor created by hand");
    }

    @Test
    void anImageOfAnotherVersionIsReported() {
        List<String> problems = ManifestChecks.check(Manifests.parse(base),
                new Expectations("9.9.9", expected.externalSecrets()));

        assertReported(problems, "is not tagged with the project version 9.9.9");
    }

    @Test
    void aMissingMemoryLimitIsReported() {
        assertReported(problemsAfter(manifests -> nodeContainer(manifests).getResources().getLimits().clear()),
                "StatefulSet/kadmesh-node container kadmesh: no memory limit");
    }

    @Test
    void anEnvReferenceBeforeItsDefinitionIsReported() {
        List<String> problems = problemsAfter(manifests -> {
            List<EnvVar> env = nodeContainer(manifests).getEnv();
            EnvVar podName = env.stream().filter(variable -> variable.getName().equals("POD_NAME")).findFirst().orElseThrow();
            env.remove(podName);
            env.add(podName);
        });

        assertReported(problems, "env KADMESH_ADVERTISED_URL uses $(POD_NAME) before it is defined");
    }

    @Test
    void aBootstrapThatRefusesTheNodesNamesIsReported() {
        List<String> problems = problemsAfter(manifests -> bootstrapContainer(manifests).getEnv().stream()
                .filter(variable -> variable.getName().equals("KADMESH_BOOTSTRAP_DIALABLE_HOSTS")).findFirst()
                .orElseThrow().setValue("source"));

        assertReported(problems, "lacks .kadmesh-nodes.$(POD_NAMESPACE).svc.cluster.local");
    }

    @Test
    void anAdvertisedUrlOffTheHeadlessServiceIsReported() {
        List<String> problems = problemsAfter(manifests -> nodeContainer(manifests).getEnv().stream()
                .filter(variable -> variable.getName().equals("KADMESH_ADVERTISED_URL")).findFirst().orElseThrow()
                .setValue("ws://$(POD_IP):8080/dht"));

        assertReported(problems, "StatefulSet/kadmesh-node: KADMESH_ADVERTISED_URL is not");
    }

    @Test
    void aKeyFileOnAVolumeTheKubeletMakesGroupReadableIsReported() {
        List<String> problems = problemsAfter(manifests -> manifests.named(StatefulSet.class, "kadmesh-node").orElseThrow()
                .getSpec().getTemplate().getSpec().getSecurityContext().setFsGroupChangePolicy("Always"));

        assertReported(problems, "fsGroupChangePolicy OnRootMismatch");
        assertNotEquals(List.of(), problems);
    }
}
