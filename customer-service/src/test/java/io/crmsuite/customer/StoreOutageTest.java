package io.crmsuite.customer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.crmsuite.infra.Outages;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * PostgreSQL refusing connections: a write answers 503 problem+json with Retry-After (not 500), readiness is
 * DOWN; once it is back, writes and reads work again with no restart, and the relay publishes what waited.
 */
@QuarkusTest
class StoreOutageTest {

    @Inject
    EntityManager em;

    @Test
    void writesAnswer503DuringAPostgreSqlOutageAndEverythingWorksAfterwards() {
        String before = Fixtures.createId(Fixtures.unique("Before Outage"));

        Outages.refusePostgreSql();
        try {
            Fixtures.create(Fixtures.customer(Fixtures.unique("During Outage"))).then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                    .statusCode(503));
        } finally {
            Outages.restorePostgreSql();
        }

        String after = await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.create(Fixtures.customer(
                Fixtures.unique("After Outage"))).then().extract(), r -> r.statusCode() == 201).path("id");
        given().get("/customers/" + before).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200));
        OutboxRows.awaitRelayed(em, List.of(before, after), Duration.ofSeconds(30));
        assertEquals(1, OutboxRows.of(em, after).size(), "one registration, published once");
    }
}
