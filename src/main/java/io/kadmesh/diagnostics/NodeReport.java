package io.kadmesh.diagnostics;

import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kadmesh.wire.ControlJson;

/**
 * A node's own view of itself, as its {@code GET /api/diagnostics?paths=false} answers it: its connection
 * managers, metrics plugin, config commit, routing table in sum and findings. From outside, it is what only the node can say.
 *
 * @param api the node's REST base, such as {@code http://127.0.0.1:8081}
 * @param report the node's answer, or null when it could not be read
 * @param problem why it could not be read, or null
 */
public record NodeReport(URI api, JsonNode report, String problem) {

    /** The path the state is read from. */
    static final String PATH = "/api/diagnostics?paths=false";

    /** Reads the state of the node whose REST API is at {@code api}, waiting at most {@code waitMillis}. */
    static NodeReport read(URI api, int waitMillis) {
        RestRead read = RestRead.get(api.resolve(PATH), waitMillis);
        return new NodeReport(api, read.body(), read.problem());
    }

    /** Whether the node reports a finding of severity {@code failure}, such as a failed join. */
    public boolean failing() {
        if (report == null) {
            return false;
        }
        for (JsonNode finding : report.path("findings")) {
            if (finding.path("severity").asText().equals("failure")) {
                return true;
            }
        }
        return false;
    }

    /** The cause of the first failure the node reports; empty when none. */
    String firstFailure() {
        if (report == null) {
            return "";
        }
        for (JsonNode finding : report.path("findings")) {
            if (finding.path("severity").asText().equals("failure")) {
                return finding.path("cause").asText();
            }
        }
        return "";
    }

    /** The state as it goes into a report's JSON. */
    ObjectNode toJson() {
        ObjectNode node = ControlJson.MAPPER.createObjectNode().put("api", api.toString());
        if (report == null) {
            node.put("problem", problem);
        } else {
            node.set("node", report.path("node"));
            node.set("config", report.path("config"));
            node.set("routingTable", report.path("routingTable"));
            node.set("findings", report.path("findings"));
        }
        return node;
    }

    /** The routing table's summary as a part of the node's line. */
    private static String routingTable(JsonNode table) {
        if (table.isMissingNode()) {
            return "";
        }
        if (table.has("problem")) {
            return "; routing table not read (" + table.path("problem").asText() + ")";
        }
        return "; routing table " + table.path("contacts").asInt() + " contacts in " + table.path("buckets").asInt()
                + " buckets (" + table.path("browsers").asInt() + " browsers, " + table.path("linked").asInt()
                + " linked, " + table.path("failing").asInt() + " failing, " + table.path("replacements").asInt()
                + " waiting)";
    }

    /** One line for people, and a line per finding. */
    String describe() {
        if (report == null) {
            return "node state at " + api + " not read: " + problem + "\n";
        }
        JsonNode node = report.path("node");
        StringBuilder line = new StringBuilder("node ").append(node.path("nodeId").asText()).append(" at ").append(api)
                .append(": ").append(node.path("ready").asBoolean() ? "ready" : "NOT ready")
                .append(node.path("joined").asBoolean() ? ", joined" : ", NOT joined");
        for (JsonNode manager : node.path("connectionManagers")) {
            line.append("; ").append(manager.path("transport").asText()).append(' ')
                    .append(manager.path("inbound").asInt()).append(" in / ").append(manager.path("outbound").asInt())
                    .append(" out");
            if (!manager.path("status").asText().equals("available")) {
                line.append(" (").append(manager.path("status").asText()).append(')');
            }
            if (!manager.path("failuresByPhase").isEmpty()) {
                line.append(", failed dials ").append(manager.path("failuresByPhase"));
            }
        }
        JsonNode metrics = node.path("metrics");
        line.append("; metrics ").append(metrics.path("switchedOff").asBoolean() ? "SWITCHED OFF"
                : metrics.path("enabled").asBoolean() ? "on" : "off");
        line.append("; config ").append(report.path("config").path("commit").asText("none"));
        line.append(routingTable(report.path("routingTable"))).append('\n');
        for (JsonNode finding : report.path("findings")) {
            line.append("    ").append(finding.path("severity").asText()).append(" (").append(finding.path("area").asText())
                    .append("): ").append(finding.path("cause").asText()).append("\n    next:  ")
                    .append(finding.path("next").asText()).append('\n');
        }
        return line.toString();
    }
}
