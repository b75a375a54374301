package io.kadmesh.cli;

import java.util.List;
import java.util.stream.Collectors;

import io.kadmesh.simulation.SimulationRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs whole Kademlia networks in this process, over an in-memory network in virtual time, and
 * prints their figures as one JSON line.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Simulate networks of in-process nodes and print their lookup figures as one JSON line.")
public class SimulateCommand implements Runnable {

    static final int MAX_NODES = 100_000;
    static final int MAX_LOOKUPS = 1_000_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", split = ",", defaultValue = "1000", description = "Network sizes, comma-separated (2..100000). Default: ${DEFAULT-VALUE}.")
    List<Integer> nodes;

    @Option(names = "--lookups", defaultValue = "1000", description = "Random lookups per network (1..1000000). Default: ${DEFAULT-VALUE}.")
    int lookups;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random choice. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public void run() {
        validate();
        String runs = nodes.stream().map(size -> new SimulationRun(size, lookups, seed).run().toJson())
                .collect(Collectors.joining(","));
        spec.commandLine().getOut().println("{\"simulation\":[" + runs + "]}");
        spec.commandLine().getOut().flush();
    }

    private void validate() {
        for (int size : nodes) {
            if (size < 2 || size > MAX_NODES) {
                throw new ParameterException(spec.commandLine(),
                        "--nodes must be between 2 and " + MAX_NODES + ", got " + size);
            }
        }
        if (lookups < 1 || lookups > MAX_LOOKUPS) {
            throw new ParameterException(spec.commandLine(),
                    "--lookups must be between 1 and " + MAX_LOOKUPS + ", got " + lookups);
        }
    }
}
