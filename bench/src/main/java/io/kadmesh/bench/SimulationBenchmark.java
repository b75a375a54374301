package io.kadmesh.bench;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.kadmesh.simulation.LinkBounds;
import io.kadmesh.simulation.SimulationRun;

/**
 * The simulation benchmark ({@code bench/simulation.sh}): whole Kademlia networks in this process,
 * over the in-memory network in virtual time ({@link SimulationRun}); prints their figures as one
 * JSON line.
 *
 * @param sizes network sizes, each run in turn
 * @param lookups random lookups per network
 * @param seed fixes every random choice
 * @param boundedLinks whether every node keeps its links within a live node's default bounds (3 to 8,
 *        {@link LinkBounds#NODE_DEFAULTS}), as by default, or keeps every link it opens
 */
public record SimulationBenchmark(List<Integer> sizes, int lookups, long seed, boolean boundedLinks) {

    /** Largest network it runs. */
    static final int MAX_NODES = 100_000;
    /** Most lookups per network. */
    static final int MAX_LOOKUPS = 1_000_000;

    public SimulationBenchmark {
        sizes = List.copyOf(sizes);
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("sizes must name at least one network size");
        }
        for (int size : sizes) {
            if (size < 2 || size > MAX_NODES) {
                throw new IllegalArgumentException("sizes must be between 2 and " + MAX_NODES + ", got " + size);
            }
        }
        if (lookups < 1 || lookups > MAX_LOOKUPS) {
            throw new IllegalArgumentException("lookups must be between 1 and " + MAX_LOOKUPS + ", got " + lookups);
        }
    }

    /**
     * Runs the benchmark. Arguments: {@code [sizes] [lookups] [seed] [links]}, sizes comma-separated
     * (default {@code 100,1000,10000}, 1000, 1, {@code bounded}); links {@code bounded} or
     * {@code unbounded}. The JSON line goes to stdout.
     */
    public static void main(String[] args) {
        List<Integer> sizes = Arrays.stream((args.length > 0 ? args[0] : "100,1000,10000").split(","))
                .map(size -> integer(size.trim(), "sizes")).toList();
        int lookups = args.length > 1 ? integer(args[1], "lookups") : 1000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        System.out.println(new SimulationBenchmark(sizes, lookups, seed, boundedLinks(args.length > 3 ? args[3] : "bounded"))
                .run());
    }

    /** Runs one simulation per size; their figures as one JSON object. */
    public String run() {
        LinkBounds links = boundedLinks ? LinkBounds.NODE_DEFAULTS : null;
        return "{\"simulation\":[" + sizes.stream()
                .map(size -> new SimulationRun(size, lookups, seed, links).run().toJson())
                .collect(Collectors.joining(",")) + "]}";
    }

    private static boolean boundedLinks(String links) {
        return switch (links) {
            case "bounded" -> true;
            case "unbounded" -> false;
            default -> throw new IllegalArgumentException("links must be 'bounded' or 'unbounded', got '" + links + "'");
        };
    }

    private static int integer(String text, String name) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be integers, got '" + text + "'", e);
        }
    }
}
