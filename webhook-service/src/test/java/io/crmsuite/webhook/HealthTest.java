package io.crmsuite.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest {

    @Test
    void readyWithItsOwnDatabaseKafkaAndTheConsumer() {
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"))
                .body("checks.name", hasItems("postgresql", "kafka", "event-consumers"));
        given().get("/q/health/group/serving").then().statusCode(200).body("checks.name", hasItems("postgresql"));
    }

    @Test
    void publishesOpenApiAndPrometheusMetrics() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/webhooks/{id}/deliveries"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("crm_webhooks_deliveries_pending"));
    }
}
