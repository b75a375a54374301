package io.kadmesh.plugin.micrometer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.quarkus.test.junit.QuarkusTest;

/** {@code /q/metrics} serves the node's meters in Prometheus text, under their documented names. */
@QuarkusTest
@Timeout(60)
class MetricsEndpointTest {

    private static final Pattern PEER_ID_TAG = Pattern.compile("(?<!commit)=\"[0-9a-f]{40}\"");

    @Test
    void mustServeTheNodeMetersAsPrometheusText() {
        String text = given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract()
                .asString();

        // The classic text format (0.0.4) may end a label set with a comma.
        for (String series : new String[] { "kadmesh_metrics_enabled 1.0", "kadmesh_metrics_failures_total 0.0",
                "kadmesh_config_info{commit=\"none\",profile=\"default\",?} 1.0",
                "kadmesh_connections{direction=\"in\",transport=\"websocket\",?} ",
                "kadmesh_connections{direction=\"out\",transport=\"websocket\",?} ", "kadmesh_routing_table_contacts ",
                "kadmesh_node_ready " }) {
            Pattern line = Pattern.compile("(?m)^" + Pattern.quote(series).replace(",?}", "\\E,?\\}\\Q"));
            assertTrue(line.matcher(text).find(), series + " in:\n" + text);
        }
        assertFalse(PEER_ID_TAG.matcher(text).find(), "no series carries a peer id");
    }

    @Test
    void mustReportTheMetricsPluginAsWell() {
        String health = given().when().get("/q/health/well").then().statusCode(200).extract().asString();

        assertTrue(health.contains("\"metrics\""), health);
        assertTrue(health.contains("\"plugin\": \"MicrometerRecorder\"") || health.contains("MicrometerRecorder"),
                health);
    }
}
