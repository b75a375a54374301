/**
 * The Micrometer metrics plugin: {@link io.kadmesh.plugin.micrometer.MicrometerRecorder} records what
 * the node reports through the metrics SPI in Micrometer meters, which Quarkus' Prometheus registry
 * serves at {@code /q/metrics}. It imports only {@code io.kadmesh.spi.*} of the node.
 */
package io.kadmesh.plugin.micrometer;
