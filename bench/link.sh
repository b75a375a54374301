#!/usr/bin/env bash
# Link benchmark: one node process of the packaged jar, and one authenticated peer in the benchmark's
# JVM sending pings over one WebSocket with W requests in flight (default 32). Prints one JSON line:
# request/response pairs a second over the measured window (default 10 s, after 5 s of warm-up).
# KADMESH_APP_DIR runs another build's quarkus-app, to compare two builds.
#
# Usage: bench/link.sh [window] [seconds]     e.g. bench/link.sh 64 20
set -euo pipefail
cd "$(dirname "$0")/.."

window=${1:-32}
seconds=${2:-10}

source bench/classpath.sh
java "${bench_jvm_options[@]}" -Xmx512m -XX:+UseSerialGC -Dkadmesh.app.dir="${KADMESH_APP_DIR:-target/quarkus-app}" -cp "$bench_classpath" \
    io.kadmesh.bench.LinkBenchmark "$window" "$seconds" | grep '^{'
