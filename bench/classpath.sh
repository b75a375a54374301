#!/usr/bin/env bash
# Sourced by the benchmark scripts, from the project root: builds what is missing (the packaged jar,
# the compiled benchmarks, the test class path the build writes to target/bench-classpath.txt), then
# sets bench_classpath to the test class path the benchmark mains run on, and bench_jvm_options to the
# options every benchmark JVM takes: the log level of the integration tests' JVM (pom.xml, it.argLine),
# without which the JDK's HttpClient formats a debug message for every frame its clients see.
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -f target/bench-classpath.txt ] \
        || [ ! -d target/test-classes/io/kadmesh/bench ]; then
    ./mvnw -q package -DskipTests >&2
fi
bench_classpath="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
bench_jvm_options=(-Dlogging.initial-configurator.min-level=INFO)
