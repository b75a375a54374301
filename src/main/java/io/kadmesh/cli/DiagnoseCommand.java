package io.kadmesh.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.kadmesh.cli.config.DurationConverter;
import io.kadmesh.diagnostics.Bounds;
import io.kadmesh.diagnostics.Diagnosis;
import io.kadmesh.diagnostics.DiagnosisReport;
import io.kadmesh.diagnostics.Endpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kadmesh diagnose}: checks every bootstrap and node URL from outside the network, as a client
 * would, step by step, and names the cause of each failure ({@code docs/diagnosis.md}). Runs without
 * Quarkus and changes nothing in the network. Exit status 0 when every path works, 1 when one fails,
 * 2 for a wrong command line.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true, description = "Check every bootstrap and node URL step by step"
        + " (DNS, TCP, TLS, upgrade, open, hello, request) and name the cause of each failure.")
public class DiagnoseCommand implements Callable<Integer> {

    /** The exit status when a path fails. */
    static final int PATH_FAILED = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", paramLabel = "URL", description = "A bootstrap: ws://host:port/bootstrap[#id] or http://host:port. Repeatable.")
    List<String> bootstraps = new ArrayList<>();

    @Option(names = "--node", paramLabel = "URL", description = "A node: ws://host:port/dht or http://host:port. Repeatable.")
    List<String> nodes = new ArrayList<>();

    @Option(names = "--json", description = "Print the report as JSON (docs/diagnosis.md).")
    boolean json;

    @Option(names = "--no-webrtc", description = "Leave out the WebRTC path (two DataChannel peers signaling through the first bootstrap or node).")
    boolean noWebrtc;

    @Option(names = "--step-timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class, description = "Longest wait of one step. Default: ${DEFAULT-VALUE}.")
    Duration stepTimeout;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class, description = "Longest the whole diagnosis takes. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Override
    public Integer call() {
        Diagnosis diagnosis = new Diagnosis(endpoints(), bounds(), true, noWebrtc ? "left out (--no-webrtc)" : null);
        DiagnosisReport report = diagnosis.run();
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? report.toJson().toPrettyString() + System.lineSeparator() : report.table());
        out.flush();
        return report.healthy() ? 0 : PATH_FAILED;
    }

    private List<Endpoint> endpoints() {
        if (bootstraps.isEmpty() && nodes.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "name at least one --bootstrap or --node URL");
        }
        List<Endpoint> endpoints = new ArrayList<>();
        try {
            bootstraps.forEach(url -> endpoints.add(Endpoint.parse(Endpoint.Role.BOOTSTRAP, url)));
            nodes.forEach(url -> endpoints.add(Endpoint.parse(Endpoint.Role.NODE, url)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (endpoints.size() > Diagnosis.MAX_ENDPOINTS / 2) {
            throw new ParameterException(spec.commandLine(), "at most " + Diagnosis.MAX_ENDPOINTS / 2 + " URLs");
        }
        return endpoints;
    }

    private Bounds bounds() {
        try {
            return new Bounds(stepTimeout, timeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
