#!/usr/bin/env bash
# Flood benchmark: a bootstrap and N node processes (default 15) of the packaged jar on 127.0.0.1.
# Honest find_node lookups through one node's REST API (default 300 per phase): alone, while one
# authenticated peer floods that node with find_node as fast as its link carries them, and alone
# again. Prints one JSON line: mean / p50 / p99 ms and exact lookups per phase, the flood's frames a
# second, and p99Ratio (flooded p99 over the worse quiet one; design §6 asks for at most 10).
#
# Usage: bench/flood.sh [nodes] [lookups] [seed]     e.g. bench/flood.sh 7 200
set -euo pipefail
cd "$(dirname "$0")/.."

nodes=${1:-15}
lookups=${2:-300}
seed=${3:-1}

source bench/classpath.sh
java "${bench_jvm_options[@]}" -Xmx512m -XX:+UseSerialGC -Dkadmesh.app.dir=target/quarkus-app -cp "$bench_classpath" \
    io.kadmesh.bench.FloodBenchmark "$nodes" "$lookups" "$seed" | grep '^{'
