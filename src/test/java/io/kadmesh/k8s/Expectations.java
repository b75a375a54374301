package io.kadmesh.k8s;

import java.util.Map;
import java.util.Set;

/**
 * What the manifests must agree with outside themselves.
 *
 * @param imageTag the tag every container image must carry: the project version
 * @param externalSecrets the Secrets the operator creates before applying (by name, with their keys); a
 *        reference to a Secret neither rendered nor listed here is a problem
 */
record Expectations(String imageTag, Map<String, Set<String>> externalSecrets) {
}
