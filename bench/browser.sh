#!/usr/bin/env bash
# Browser benchmark: a bootstrap and 3 node processes of the packaged jar, and pages of headless
# Chromium loading the bootstrap's demo page. Prints one JSON line: page join time, DataChannel open
# time between two pages, relay takeover time once ICE has failed, and DHT requests a second over a
# DataChannel, over the relay, and to a node over WebSocket and over a DataChannel (webrtc-java,
# switched on for the nodes here). Runs in a private network namespace with no link out
# (integration-tests/netns/bin/java: needs root), like the browser tests; needs chromium and node
# (see integration-tests/README.md).
#
# Usage: bench/browser.sh [pairs] [seconds] [window]     e.g. bench/browser.sh 10 5 16
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/classpath.sh
# The nodes' per-link request limit (kadmesh.dht.request-rate-limit, 2000 a second) is raised, so that
# the figures to a node are its links', not its flood guard's.
KADMESH_NETNS_JAVA="$(command -v java)" PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 KADMESH_TRANSPORT_WEBRTC_ENABLED=true \
    KADMESH_DHT_REQUEST_RATE_LIMIT=1000000 \
    integration-tests/netns/bin/java \
    "${bench_jvm_options[@]}" -Xmx256m -XX:+UseSerialGC -Dkadmesh.app.dir="${KADMESH_APP_DIR:-target/quarkus-app}" -cp "$bench_classpath" \
    io.kadmesh.bench.BrowserBenchmark "${1:-10}" "${2:-5}" "${3:-16}" | grep '^{'
