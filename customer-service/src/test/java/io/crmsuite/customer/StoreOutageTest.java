package io.crmsuite.customer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.crmsuite.infra.Outages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * PostgreSQL refusing connections: a write answers 503 problem+json with Retry-After (not 500), readiness is
 * DOWN; once it is back, writes and reads work again with no restart, and the relay publishes what waited. The
 * same for PostgreSQL behind a network partition (nothing refused, nothing answered).
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

    /**
     * Behind a partition every pooled connection hangs on what it sent, and the requests after them wait the pool's
     * acquisition timeout (5 s) for one: they answer 503 with Retry-After, as for a refused connection, not 500
     * (bench/faults.sh drop:postgresql found them answered 500). More writes than the pool holds (20) are sent, so
     * some must wait. Once the partition ends, the hung ones fail on their cut connections (503 too, never 500)
     * and writes work again.
     */
    @Test
    void writesAnswer503BehindAPartitionOfPostgreSqlAndEverythingWorksAfterwards() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(24);
        List<CompletableFuture<Response>> writes;
        Outages.silencePostgreSql();
        try {
            writes = IntStream.range(0, 24).mapToObj(i -> CompletableFuture.supplyAsync(() -> Fixtures.create(
                    Fixtures.customer(Fixtures.unique("Partitioned"))), clients)).toList();
            clients.shutdown(); // the writes are handed over; the threads end with them, whatever the test finds
            await().atMost(Duration.ofSeconds(30)).until(() -> writes.stream().anyMatch(CompletableFuture::isDone));
            writes.stream().filter(CompletableFuture::isDone).forEach(w -> w.join().then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5"));
        } finally {
            Outages.restorePostgreSql();
        }
        for (CompletableFuture<Response> write : writes) {
            Response answer = write.get(60, TimeUnit.SECONDS);
            if (answer.statusCode() != 201) { // a hung one may also find a fresh connection and be done
                answer.then().statusCode(503).contentType("application/problem+json");
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.create(Fixtures.customer(
                Fixtures.unique("After Partition"))).statusCode() == 201);
    }
}
