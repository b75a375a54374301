package io.kadmesh.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kadmesh.config.NodeConfig;
import io.kadmesh.config.live.ConfigSnapshot;
import io.kadmesh.config.live.LiveConfiguration;
import io.kadmesh.diagnostics.Bounds;
import io.kadmesh.diagnostics.Diagnosis;
import io.kadmesh.diagnostics.DiagnosisReport;
import io.kadmesh.diagnostics.Endpoint;
import io.kadmesh.node.LiveNode;
import io.kadmesh.node.NodeCondition;
import io.kadmesh.node.NodeLifecycle;
import io.kadmesh.spi.transport.TransportStatus;
import io.kadmesh.transport.TransportStackFactory;

/**
 * {@code GET /api/diagnostics}: the diagnosis from inside the node ({@code docs/diagnosis.md}). The paths
 * a newcomer and a peer would take, its bootstraps' and its own advertised URL, checked step by step as
 * {@code kadmesh diagnose} checks them, and the node's own state: its connection managers, their links,
 * recent failed dials and open breakers, the metrics plugin, the config commit, its routing table in
 * sum ({@code GET /api/node/routing-table} lists it), each problem named with
 * a cause and a next step. Read-only, and bounded as the report says.
 */
@Path("/api/diagnostics")
@Produces(MediaType.APPLICATION_JSON)
public class DiagnosticsResource {

    private static final String WEBRTC = "webrtc";

    private final NodeLifecycle lifecycle;
    private final LiveConfiguration live;
    private final TransportStackFactory transports;
    private final NodeConfig config;
    private final ObjectMapper json;

    DiagnosticsResource(NodeLifecycle lifecycle, LiveConfiguration live, TransportStackFactory transports,
            NodeConfig config, ObjectMapper json) {
        this.lifecycle = lifecycle;
        this.live = live;
        this.transports = transports;
        this.config = config;
        this.json = json;
    }

    /**
     * Runs the diagnosis; 503 when no node runs, saying why. With {@code paths=false} the paths are left
     * out, and the node's own state comes at once: what {@code kadmesh diagnose} reads from each node.
     */
    @GET
    public ObjectNode diagnose(@QueryParam("paths") @DefaultValue("true") String pathsParameter) {
        if (!pathsParameter.equals("true") && !pathsParameter.equals("false")) {
            throw new BadRequestException("'paths' must be true or false, got '" + pathsParameter + "'");
        }
        boolean paths = pathsParameter.equals("true");
        LiveNode node = lifecycle.running();
        NodeCondition condition = node.condition(transports.statuses());
        ConfigSnapshot applied = live.current();
        List<NodeFindings.Finding> findings = NodeFindings.of(condition, applied,
                live.live().rejected().orElse(null));
        DiagnosisReport checked = paths ? new Diagnosis(endpoints(node), Bounds.DEFAULT, false, webrtcLeftOut()).run()
                : new DiagnosisReport(Instant.now(), 0, Bounds.DEFAULT, List.of(), List.of());
        ObjectNode report = checked.toJson();
        boolean failing = findings.stream().anyMatch(finding -> finding.severity().equals("failure"));
        report.put("healthy", checked.healthy() && !failing);
        if (checked.healthy() && !findings.isEmpty()) {
            NodeFindings.Finding first = findings.get(0);
            report.put("verdict", (failing ? "" : "paths work; ") + first.area() + ": " + first.cause());
        }
        report.set("node", json.valueToTree(condition));
        report.putObject("config").put("commit", applied.commit()).put("source", applied.source().label());
        report.set("routingTable", routingTable(node));
        report.set("findings", json.valueToTree(findings));
        return report;
    }

    /** The routing table's summary; what kept it from being read, should its scheduler not answer in time. */
    private JsonNode routingTable(LiveNode node) {
        try {
            return json.valueToTree(RoutingTableSummary.of(node.dht().buckets()
                    .get(Bounds.DEFAULT.stepTimeout().toMillis(), TimeUnit.MILLISECONDS)));
        } catch (ExecutionException | TimeoutException e) {
            return json.createObjectNode().put("problem", "the routing table was not read: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return json.createObjectNode().put("problem", "interrupted");
        }
    }

    /**
     * Why this node does not check the WebRTC path itself, or null when it does: only a node whose own
     * WebRTC transport runs has webrtc-java loaded already, so that the check costs its process nothing
     * more than two peer connections for the length of the step.
     */
    private String webrtcLeftOut() {
        TransportStatus webrtc = transports.statuses().get(WEBRTC);
        if (webrtc == null) {
            return "this node has no WebRTC transport";
        }
        if (webrtc.available()) {
            return null;
        }
        return "this node's WebRTC transport is " + (webrtc.off() ? "off" : "unavailable") + " (" + webrtc.reason()
                + "); kadmesh diagnose checks the path from outside";
    }

    private List<Endpoint> endpoints(LiveNode node) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String url : config.bootstrap().urls().orElse(List.of())) {
            endpoints.add(Endpoint.parse(Endpoint.Role.BOOTSTRAP, url));
        }
        Endpoint self = Endpoint.parse(Endpoint.Role.NODE, node.dht().contact().address());
        if (node.role() == NodeConfig.Role.BOOTSTRAP && self.target().endsWith(Endpoint.Role.NODE.path())) {
            String url = self.toString();
            endpoints.add(Endpoint.parse(Endpoint.Role.BOOTSTRAP,
                    url.substring(0, url.length() - Endpoint.Role.NODE.path().length()) + Endpoint.Role.BOOTSTRAP.path()));
        }
        endpoints.add(self);
        return endpoints;
    }
}
