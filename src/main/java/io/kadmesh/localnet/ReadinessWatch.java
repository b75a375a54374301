package io.kadmesh.localnet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Polls nodes until every one is ready: first whether its port accepts TCP connections, then its
 * {@code /q/health/ready}. Fails fast when a node's process ends, with the tail of its log.
 */
final class ReadinessWatch {

    /** Pause between two polling rounds. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(25);
    /** Pause between two progress reports. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);
    private static final int LOG_TAIL_LINES = 40;

    private final List<NodeProcess> nodes;
    private final ReadinessProbe probe;
    private final Consumer<String> progress;
    private final Map<NodeProcess, Long> listening = new ConcurrentHashMap<>();
    private final Map<NodeProcess, Long> ready = new ConcurrentHashMap<>();
    private long lastReportNanos;

    ReadinessWatch(List<NodeProcess> nodes, ReadinessProbe probe, Consumer<String> progress) {
        this.nodes = List.copyOf(nodes);
        this.probe = probe;
        this.progress = progress;
    }

    /** Waits until all nodes are ready; fails when one ends or {@code deadline} passes first. */
    List<NodeStartup> await(Deadline deadline) {
        lastReportNanos = System.nanoTime();
        while (ready.size() < nodes.size()) {
            failIfEnded();
            if (deadline.expired()) {
                throw new IllegalStateException(notReadyReport(deadline));
            }
            pollOnce();
            report(deadline);
            if (ready.size() < nodes.size()) {
                deadline.pause(POLL_INTERVAL);
            }
        }
        progress.accept(nodes.size() + "/" + nodes.size() + " ready after " + seconds(deadline.elapsed()));
        return nodes.stream().map(node -> new NodeStartup(node, listening.get(node), ready.get(node))).toList();
    }

    private void pollOnce() {
        List<CompletableFuture<?>> checks = new ArrayList<>();
        for (NodeProcess node : nodes) {
            if (!listening.containsKey(node) && LoopbackPorts.accepting(node.port())) {
                listening.put(node, System.nanoTime());
            }
            if (listening.containsKey(node) && !ready.containsKey(node)) {
                checks.add(probe.readyAsync(node.restUrl()).thenAccept(isReady -> {
                    if (isReady) {
                        ready.putIfAbsent(node, System.nanoTime());
                    }
                }));
            }
        }
        CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).join();
    }

    private void failIfEnded() {
        for (NodeProcess node : nodes) {
            if (!node.isAlive()) {
                throw new IllegalStateException(node + " exited with " + node.exitCode()
                        + " before the network was ready; last log lines:" + System.lineSeparator()
                        + node.logTail(LOG_TAIL_LINES));
            }
        }
    }

    private void report(Deadline deadline) {
        if (System.nanoTime() - lastReportNanos >= PROGRESS_INTERVAL.toNanos()) {
            lastReportNanos = System.nanoTime();
            progress.accept(ready.size() + "/" + nodes.size() + " ready, " + listening.size() + "/" + nodes.size()
                    + " listening after " + seconds(deadline.elapsed()));
        }
    }

    private String notReadyReport(Deadline deadline) {
        Map<String, String> pending = new LinkedHashMap<>();
        for (NodeProcess node : nodes) {
            if (!ready.containsKey(node)) {
                pending.put(node.toString(), listening.containsKey(node) ? "listening, not ready" : "not listening");
            }
        }
        return pending.size() + " of " + nodes.size() + " nodes not ready after " + seconds(deadline.elapsed())
                + ": " + pending.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining("; "));
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
