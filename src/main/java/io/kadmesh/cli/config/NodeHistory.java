package io.kadmesh.cli.config;

import java.util.List;
import java.util.Optional;

/**
 * What a node reports in {@code GET /api/config/history}: its health now, and the commits it
 * applied, newest first, each with its health at the moment it applied it.
 *
 * @param now the node's health now
 * @param applied the commits applied, newest first
 */
record NodeHistory(NodeHealth now, List<Applied> applied) {

    /**
     * One applied commit.
     *
     * @param commit the commit's full id
     * @param health the node's health when it applied it: the baseline for verifying it
     */
    record Applied(String commit, NodeHealth health) {
    }

    /** The health the node recorded when it applied {@code commit}. */
    Optional<NodeHealth> baseline(String commit) {
        return applied.stream().filter(entry -> entry.commit().equals(commit)).map(Applied::health).findFirst();
    }

    /**
     * The health after {@code commit}: recorded when the next commit was applied, or now when it is the
     * newest; empty when the node never applied it.
     */
    Optional<NodeHealth> after(String commit) {
        for (int i = 0; i < applied.size(); i++) {
            if (applied.get(i).commit().equals(commit)) {
                return Optional.of(i == 0 ? now : applied.get(i - 1).health());
            }
        }
        return Optional.empty();
    }
}
