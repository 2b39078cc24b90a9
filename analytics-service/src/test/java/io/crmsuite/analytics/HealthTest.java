package io.crmsuite.analytics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest {

    @Test
    void readyWhenMongoAndKafkaAreReachable() {
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"))
                .body("checks.name", hasItems("mongodb", "kafka", "event-consumers"));
    }

    @Test
    void publishesOpenApiAndPrometheusMetrics() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("analytics-service"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
