package io.kadmesh.metrics;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.kadmesh.config.NodeConfig;
import io.kadmesh.config.live.ConfigSnapshot;
import io.kadmesh.config.live.LiveConfiguration;
import io.kadmesh.spi.metrics.MetricsRecorder;
import io.kadmesh.spi.transport.Transport;

/**
 * Makes the node's one {@link GuardedMetrics}: the metrics plugin (a CDI bean implementing
 * {@link MetricsRecorder}; none, or the first by class name when there are several) behind its guard,
 * on or off as the live settings say, and kept so at every applied config commit.
 */
@ApplicationScoped
public class GuardedMetricsFactory {

    private static final Logger LOG = Logger.getLogger(GuardedMetricsFactory.class);

    /** The guarded plugin, with the settings in force now. */
    @Produces
    @Singleton
    GuardedMetrics guardedMetrics(@Any Instance<MetricsRecorder> plugins, @Any Instance<Transport> transports,
            NodeConfig config, LiveConfiguration live) {
        List<? extends Instance.Handle<MetricsRecorder>> found = plugins.handlesStream()
                .sorted(Comparator.comparing(handle -> handle.getBean().getBeanClass().getName())).toList();
        MetricsRecorder plugin = new MetricsRecorder() {
        };
        String name = "none";
        if (!found.isEmpty()) {
            plugin = found.get(0).get();
            name = found.get(0).getBean().getBeanClass().getSimpleName();
            if (found.size() > 1) {
                LOG.warnf("%d metrics plugins found; only %s is used", found.size(), name);
            }
        }
        List<String> transportIds = transports.stream().filter(transport -> transport.status().available())
                .map(Transport::id).toList();
        GuardedMetrics metrics = new GuardedMetrics(plugin, name, transportIds,
                config.metrics().maxConsecutiveFailures(), config.metrics().failureLogInterval(), System::nanoTime);
        apply(live.current(), metrics);
        return metrics;
    }

    /** Metrics on or off, and the commit in force, as each applied commit says. */
    void onConfigApplied(@Observes ConfigSnapshot snapshot, GuardedMetrics metrics) {
        apply(snapshot, metrics);
    }

    private static void apply(ConfigSnapshot snapshot, GuardedMetrics metrics) {
        metrics.apply(snapshot.settings().metricsEnabled(), snapshot.commit(), snapshot.settings().profile());
    }
}
