#!/usr/bin/env bash
# Metrics benchmark: the link benchmark with metrics off and on, alternated, a fresh node process
# each run. Prints one JSON line: medians per mode and their ratio (onOverOff).
# KADMESH_APP_DIR runs another build's quarkus-app.
#
# Usage: bench/metrics.sh [rounds] [window] [seconds]     e.g. bench/metrics.sh 5 32 10
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/classpath.sh
java "${bench_jvm_options[@]}" -Xmx512m -XX:+UseSerialGC -Dkadmesh.app.dir="${KADMESH_APP_DIR:-target/quarkus-app}" -cp "$bench_classpath" \
    io.kadmesh.bench.MetricsBenchmark "$@" | grep '^{'
