package io.kadmesh.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.kadmesh.config.live.ConfigHistory;
import io.kadmesh.config.live.ConfigSnapshot;
import io.kadmesh.config.live.HealthFigures;
import io.kadmesh.config.live.LiveConfig;
import io.kadmesh.config.live.LiveConfiguration;
import io.kadmesh.node.NodeLifecycle;

/**
 * {@code GET /api/config}: the live settings in force, where they came from, the last rejected
 * commit and the repository's state; {@code GET /api/config/history}: the commits applied, each with
 * the health recorded as it was applied. Read only: settings change through Git alone.
 */
@Path("/api/config")
@Produces(MediaType.APPLICATION_JSON)
public class ConfigResource {

    private final LiveConfiguration live;
    private final NodeLifecycle lifecycle;

    ConfigResource(LiveConfiguration live, NodeLifecycle lifecycle) {
        this.live = live;
        this.lifecycle = lifecycle;
    }

    /** The settings in force; {@code source} is {@code git}, {@code disk} or {@code defaults}. */
    public record ConfigView(String commit, Instant appliedAt, String profile, String source,
            Map<String, String> settings, LiveConfig.Rejection rejected, LiveConfig.RepoStatus repo) {
    }

    /** One applied commit and the health at the moment it was applied. */
    public record AppliedView(String commit, Instant appliedAt, String source, HealthFigures health) {
    }

    /** The health now, and the commits applied, newest first. */
    public record HistoryView(HealthFigures now, List<AppliedView> applied) {
    }

    @GET
    public ConfigView config() {
        ConfigSnapshot current = live.current();
        LiveConfig config = live.live();
        return new ConfigView(current.commit(), current.appliedAt(), current.settings().profile(),
                current.source().label(), current.settings().asProperties(), config.rejected().orElse(null),
                config.repo());
    }

    @GET
    @Path("/history")
    public HistoryView history() {
        List<AppliedView> applied = live.history().entries().stream().map(ConfigResource::view).toList();
        return new HistoryView(lifecycle.health(), applied);
    }

    private static AppliedView view(ConfigHistory.Entry entry) {
        ConfigSnapshot snapshot = entry.snapshot();
        return new AppliedView(snapshot.commit(), snapshot.appliedAt(), snapshot.source().label(), entry.health());
    }
}
