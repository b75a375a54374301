#!/usr/bin/env bash
# Pubsub benchmark: a bootstrap and N node processes (default 15) of the packaged jar on 127.0.0.1,
# each started by the launcher (bin/kadmesh, with bin/jvm.options), as every local network is.
# Prints one JSON line: channel creation at the REST client (first creations of fresh names, and the
# same names again from other nodes); publish-to-delivery latency p50 / p99 / max over every
# (message, subscriber) pair for S SSE subscribers (default 100) spread round-robin over the nodes and
# M messages (default 200) published at 20 a second from the nodes in turn, after 2 untimed rounds;
# deliveries expected / received / duplicated; pubsub frames (and requests) all nodes sent per
# publish, from their metrics. With P pages (default 0), as many pages of headless Chromium subscribe
# too, through the browser client; that runs in the private network namespace of the browser tests
# (integration-tests/netns/bin/java: root, chromium and node needed, as for bench/browser.sh).
# Progress goes to stderr; nodes' logs to a temporary directory. KADMESH_APP_DIR names another
# packaged application (an older build, to compare).
#
# F, when given and not 0, is every node's kadmesh.pubsub.fan-out (docs/pubsub.md); otherwise the nodes'
# default. W, when given, is the untimed rounds before the timed messages (default 2: a network just
# started; more, a network that has been publishing a while, its code compiled).
#
# Usage: bench/pubsub.sh [nodes] [subscribers] [messages] [pages] [fan-out] [warm-up rounds]
#        e.g. bench/pubsub.sh 7 50 100, or bench/pubsub.sh 15 100 200 0 0 30
set -euo pipefail
cd "$(dirname "$0")/.."

nodes=${1:-15}
subscribers=${2:-100}
messages=${3:-200}
pages=${4:-0}
fan_out=${5:-0}
warmup_rounds=${6:-2}

source bench/classpath.sh
java_command=(java)
if [ "$pages" -gt 0 ]; then
    export KADMESH_NETNS_JAVA="$(command -v java)" PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
    java_command=(integration-tests/netns/bin/java)
fi
"${java_command[@]}" "${bench_jvm_options[@]}" -Xmx256m -XX:+UseSerialGC -Dkadmesh.app.dir="${KADMESH_APP_DIR:-target/quarkus-app}" \
    -cp "$bench_classpath" io.kadmesh.bench.PubsubBenchmark "$nodes" "$subscribers" "$messages" "$pages" "$fan_out" "$warmup_rounds" | grep '^{'
