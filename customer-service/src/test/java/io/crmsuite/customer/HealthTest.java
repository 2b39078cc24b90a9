package io.crmsuite.customer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.crmsuite.infra.KafkaControl;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest {

    @Test
    void readyWhenDatabaseAndKafkaAreReachable() {
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"))
                .body("checks.name", hasItems("Database connections health check", "kafka"));
    }

    @Test
    void notReadyWhileKafkaIsDownButStillServing() {
        KafkaControl.stopKafka();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
            // writes go on into the outbox: a load balancer asking the serving group keeps this instance
            given().get("/q/health/group/serving").then().statusCode(200).body("checks.name", hasItems("postgresql"));
        } finally {
            KafkaControl.startKafka();
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void publishesOpenApiAndPrometheusMetrics() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
