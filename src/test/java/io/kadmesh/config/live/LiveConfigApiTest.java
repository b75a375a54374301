package io.kadmesh.config.live;

import static io.kadmesh.transport.Eventually.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.node.NodeLifecycle;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The assembled node with a config repository: the commit in force in {@code /api/config},
 * {@code /api/node} and readiness; a pushed commit applied live, to the running node's settings; an
 * invalid one rejected, with the reason in {@code /api/config} and {@code /q/health}; no REST write.
 */
@QuarkusTest
@TestProfile(LiveConfigApiTest.Profile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveConfigApiTest {

    /** A node of its own, with the repository of {@link ConfigRepoResource}. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(ConfigRepoResource.class));
        }

        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            return java.util.Map.of("kadmesh.profile", "default");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    NodeLifecycle lifecycle;

    @Inject
    LiveConfiguration live;

    @BeforeEach
    void startNode() {
        lifecycle.start();
    }

    @Test
    @Order(1)
    void mustReportTheCommitInForceEverywhere() throws Exception {
        await("the first commit applied", WAIT, () -> live.current().source() == ConfigSnapshot.Source.GIT);
        String commit = live.current().commit();
        given().get("/api/config").then().statusCode(200).body("commit", equalTo(commit))
                .body("source", equalTo("git")).body("profile", equalTo("default"))
                .body("settings.'kadmesh.connections.max'", equalTo("9"))
                .body("settings.'kadmesh.dht.ping-interval'", equalTo("40s")).body("rejected", nullValue())
                .body("repo.uri", equalTo(ConfigRepoResource.ORIGIN.toString())).body("repo.reachable", equalTo(true));
        given().get("/api/node").then().statusCode(200).body("config.commit", equalTo(commit));
        given().get("/q/health/ready").then().body("checks.find { it.name == 'dht' }.data.configCommit",
                equalTo(commit));
        given().get("/api/config/history").then().statusCode(200)
                .body("applied.size()", greaterThanOrEqualTo(1)).body("applied[0].commit", equalTo(commit))
                .body("now.connections", greaterThanOrEqualTo(0));
    }

    @Test
    @Order(2)
    void mustApplyAPushedCommitToTheRunningNode() throws Exception {
        String next;
        try (WorkTreeRepo repo = WorkTreeRepo.open(ConfigRepoResource.ORIGIN)) {
            next = repo.commit("fewer links, slower pings", "node.properties",
                    "kadmesh.connections.max=6\nkadmesh.dht.ping-interval=90s\nkadmesh.dht.find-node-rate-limit=50\n");
        }
        await("the pushed commit applied to the running node", WAIT,
                () -> next.equals(live.current().commit()) && lifecycle.running().settings().connectionsMax() == 6);
        given().get("/api/config").then().body("commit", equalTo(next))
                .body("settings.'kadmesh.dht.find-node-rate-limit'", equalTo("50"));
        given().get("/api/node").then().body("config.commit", equalTo(next));
        given().get("/q/health/ready").then().body("checks.find { it.name == 'dht' }.data.configCommit",
                equalTo(next));
    }

    @Test
    @Order(3)
    void mustRejectAnInvalidCommitKeepTheLastGoodAndSaySoInHealth() throws Exception {
        String good = live.current().commit();
        String bad;
        try (WorkTreeRepo repo = WorkTreeRepo.open(ConfigRepoResource.ORIGIN)) {
            bad = repo.commit("too few links", "node.properties", "kadmesh.connections.min=9\nkadmesh.connections.max=4\n");
        }
        await("the bad commit rejected", WAIT, () -> live.live().rejected().map(r -> r.commit().equals(bad)).orElse(false));
        given().get("/api/config").then().body("commit", equalTo(good)).body("rejected.commit", equalTo(bad))
                .body("rejected.reason", containsString("kadmesh.connections.min (9) is above kadmesh.connections.max (4)"));
        given().get("/q/health").then().statusCode(503)
                .body("checks.find { it.name == 'config' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'config' }.data.rejectedCommit", equalTo(bad));
        given().get("/q/health/ready").then().body("checks.find { it.name == 'dht' }.data.configCommit",
                equalTo(good));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/api/diagnostics").then().statusCode(200)
                .body("findings.find { it.area == 'config' }.cause", containsString("config commit " + bad + " rejected"))
                .body("findings.find { it.area == 'config' }.cause", containsString("the node runs on commit " + good))
                .body("findings.find { it.area == 'config' }.next", containsString("git revert " + bad))
                .body("config.commit", equalTo(good));
    }

    @Test
    @Order(4)
    void mustOfferNoWayToWriteSettingsOverRest() {
        given().contentType(ContentType.JSON).body("{\"kadmesh.connections.max\": \"50\"}").put("/api/config").then()
                .statusCode(405);
        given().contentType(ContentType.JSON).body("{}").post("/api/config").then().statusCode(405);
    }

}
