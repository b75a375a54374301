#!/usr/bin/env bash
# Simulation benchmark: N = 100, 1,000 and 10,000 in-process nodes join through one seed, then
# 1,000 random lookups run in each network. Prints one JSON line: per network, lookup correctness,
# mean and p99 hops, mean lookup time in virtual (simulated) milliseconds, wall time and heap used.
# Every node keeps its links within a live node's default bounds (3 to 8), unless links is
# "unbounded": then it keeps every link it opens, as the simulation did before (docs/performance.md).
#
# Usage: bench/simulation.sh [sizes] [lookups] [seed] [links]   e.g. bench/simulation.sh 100,1000 500
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=${1:-100,1000,10000}
lookups=${2:-1000}
seed=${3:-1}
links=${4:-bounded}

source bench/classpath.sh
# A plain main on the test class path, where the in-memory network and the simulator live.
# A big fixed heap and the parallel collector: the 10,000-node network holds a few GiB of state.
java "${bench_jvm_options[@]}" -Xms2g -Xmx12g -XX:+UseParallelGC -cp "$bench_classpath" \
    io.kadmesh.bench.SimulationBenchmark "$sizes" "$lookups" "$seed" "$links" | grep '^{'
