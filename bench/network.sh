#!/usr/bin/env bash
# Network benchmark: a bootstrap and N node processes (default 15) of the packaged jar on 127.0.0.1,
# with the lean JVM flags every local network uses (io.kadmesh.cluster.NodeCommand.LEAN_JVM_FLAGS).
# Prints one JSON line: time until all are ready, readiness after the port listens, connections
# per node, find_node latency at the REST client over 1,000 lookups (after 100 warm-up), RSS per
# node, idle CPU per node over 10 s. Progress goes to stderr; nodes' logs to a temporary directory.
#
# Usage: bench/network.sh [nodes] [lookups] [seed]     e.g. bench/network.sh 7 200
set -euo pipefail
cd "$(dirname "$0")/.."

nodes=${1:-15}
lookups=${2:-1000}
seed=${3:-1}
app=target/quarkus-app

if [ ! -f "$app/quarkus-run.jar" ]; then
    ./mvnw -q package -DskipTests >&2
fi
# The benchmark itself is a plain main on the packaged classes: no Quarkus, no HTTP server of its own.
java -Xmx256m -XX:+UseSerialGC -Dkadmesh.app.dir="$app" \
    -cp "$app/lib/main/*:$app/app/*:$app/quarkus/*" \
    io.kadmesh.cluster.NetworkBenchmark "$nodes" "$lookups" "$seed" | grep '^{'
