#!/usr/bin/env bash
# Network benchmark: a bootstrap and N node processes (default 15) of the packaged jar on 127.0.0.1,
# each started by the launcher (bin/kadmesh, with bin/jvm.options), as every local network is.
# Prints one JSON line: time until all are ready, readiness after the port listens, connections
# per node, find_node latency at the REST client over 1,000 lookups (after 100 warm-up) with the
# requests each lookup sent, RSS per node, idle CPU per node over 10 s. Progress goes to stderr;
# nodes' logs to a temporary directory. KADMESH_APP_DIR names another packaged application (an
# older build, to compare); node settings may come from the environment (KADMESH_DHT_ALPHA=10).
#
# Usage: bench/network.sh [nodes] [lookups] [seed]     e.g. bench/network.sh 7 200
set -euo pipefail
cd "$(dirname "$0")/.."

nodes=${1:-15}
lookups=${2:-1000}
seed=${3:-1}

source bench/classpath.sh
# The benchmark is a plain main on the test class path (bench/src): no Quarkus, no HTTP server of its own.
java "${bench_jvm_options[@]}" -Xmx256m -XX:+UseSerialGC -Dkadmesh.app.dir="${KADMESH_APP_DIR:-target/quarkus-app}" -cp "$bench_classpath" \
    io.kadmesh.bench.NetworkBenchmark "$nodes" "$lookups" "$seed" | grep '^{'
