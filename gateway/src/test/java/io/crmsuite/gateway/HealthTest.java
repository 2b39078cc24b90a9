package io.crmsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;

@QuarkusTest
class HealthTest {

    /** Checks are found by name: SmallRye Health does not promise their order. */
    private static final String BACKENDS = "checks.find { it.name == 'backends' }.data";

    @Inject
    Vertx vertx;

    /** The epoll transport costs the gateway less CPU per proxied call than Java NIO; it must not fall away unseen. */
    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void runsOnTheNativeEpollTransportOnLinux() {
        assertTrue(vertx.isNativeTransportEnabled(), "netty-transport-native-epoll did not load");
    }

    @Test
    void readyOnlyWhileEveryServiceBehindIsReady() {
        given().get("/q/health/ready").then().statusCode(200)
                .body(BACKENDS + ".customers", is("UP"));
        StubBackends.StubControl.invoke("stop", "analytics");
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready").then()
                    .statusCode(503).body(BACKENDS + ".analytics",
                            is("DOWN (unreachable)")));
            // one service down must not take the whole API out of a load balancer
            given().get("/q/health/group/serving").then().statusCode(200)
                    .body("checks.name", org.hamcrest.Matchers.hasItem("authentication"));
        } finally {
            StubBackends.StubControl.invoke("start", "analytics");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    /**
     * The complaints route has two replicas (StubBackends); a stub made unavailable answers its readiness 503.
     */
    @Test
    void readyWhileEveryRouteHasAReadyReplicaAndEachReplicaIsListed() {
        String second = BACKENDS + ".'complaints " + complaintsUrls()[1] + "'";
        given().get("/q/health/ready").then().statusCode(200).body(BACKENDS + ".complaints", is("UP"))
                .body(second, is("UP"));
        StubBackends.StubControl.invoke("unavailable", "complaints-2");
        try {
            given().get("/q/health/ready").then().statusCode(200)
                    .body(BACKENDS + ".complaints", is("UP (1 of 2 replicas ready)")).body(second, is("DOWN (503)"))
                    .body(BACKENDS + ".'complaints " + complaintsUrls()[0] + "'", is("UP"));
            StubBackends.StubControl.invoke("unavailable", "complaints-1");
            given().get("/q/health/ready").then().statusCode(503)
                    .body(BACKENDS + ".complaints", is("DOWN (0 of 2 replicas ready)"));
        } finally {
            StubBackends.StubControl.invoke("available", "complaints-1");
            StubBackends.StubControl.invoke("available", "complaints-2");
        }
        given().get("/q/health/ready").then().statusCode(200).body(BACKENDS + ".complaints", is("UP"));
    }

    private static String[] complaintsUrls() {
        return ConfigProvider.getConfig().getValue("crm.gateway.backends.complaints.url", String.class).split(",");
    }

    @Test
    void publishesOneOpenApiDocumentForThePublicPaths() {
        given().get("/api/openapi").then().statusCode(200).body("info.title", is("CRM Suite API"))
                .body("paths.'/api/customers'.get.summary", is("list customers"))
                .body("paths.'/api/complaints'.get.summary", is("list complaints"))
                .body("paths.'/api/webhooks'.get.summary", is("list webhooks"))
                .body("components.schemas.analyticsView.type", is("object"))
                .body("components.securitySchemes.apiKey.name", is("X-API-Key"));
    }

    @Test
    void publishesPrometheusMetrics() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
