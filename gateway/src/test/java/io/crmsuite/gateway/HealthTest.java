package io.crmsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest {

    @Test
    void notReadyWhileABackendIsUnreachable() {
        // the test profile points every backend at a port where nothing listens
        given().get("/q/health/ready").then().statusCode(503).body("status", is("DOWN"))
                .body("checks[0].data.customers", is("DOWN (unreachable)"));
    }

    @Test
    void publishesPrometheusMetrics() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
