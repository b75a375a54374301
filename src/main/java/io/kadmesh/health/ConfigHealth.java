package io.kadmesh.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.kadmesh.config.live.ConfigSnapshot;
import io.kadmesh.config.live.LiveConfig;
import io.kadmesh.config.live.LiveConfiguration;
import io.smallrye.health.api.Wellness;

/**
 * The live configuration, in {@code /q/health} (and {@code /q/health/well}), not in liveness or
 * readiness: a rejected commit or an unreachable repository leaves the node serving on its last good
 * settings, so it must not restart the node or take it out of service, but an operator must see it.
 * DOWN, saying why, while the branch's head is a rejected commit or the last fetch failed.
 */
@Wellness
@ApplicationScoped
public class ConfigHealth implements HealthCheck {

    private final LiveConfiguration live;

    ConfigHealth(LiveConfiguration live) {
        this.live = live;
    }

    @Override
    public HealthCheckResponse call() {
        ConfigSnapshot current = live.current();
        LiveConfig.RepoStatus repo = live.live().repo();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("config")
                .withData("commit", current.commit() == null ? "none" : current.commit())
                .withData("source", current.source().label()).withData("profile", current.settings().profile());
        boolean up = true;
        if (live.live().rejected().isPresent()) {
            LiveConfig.Rejection rejected = live.live().rejected().get();
            response.withData("rejectedCommit", rejected.commit()).withData("rejectedBecause", rejected.reason());
            up = false;
        }
        if (repo.uri() != null && repo.error() != null) {
            response.withData("repoError", repo.error());
            up = false;
        }
        return response.status(up).build();
    }
}
