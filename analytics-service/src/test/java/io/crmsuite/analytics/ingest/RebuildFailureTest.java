package io.crmsuite.analytics.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.crmsuite.analytics.config.AnalyticsConfig;
import io.crmsuite.analytics.store.Generation;
import io.crmsuite.analytics.store.Generations;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A rebuild that meets an error waiting will not cure (here: a defect, played by an applier that throws for any
 * generation but the live one) stops as FAILED with the reason; the live generation stays live and answers, and
 * the half-built one is dropped. Before, any error while replaying was counted as a skipped event.
 */
@QuarkusTest
class RebuildFailureTest {

    @Inject
    Generations generations;
    @Inject
    AnalyticsConfig config;
    @Inject
    Clock clock;
    @Inject
    com.mongodb.client.MongoClient mongo;

    /** Applies to the live generation as usual and fails on any other. */
    static final class FailingOnRebuild extends BatchApplier {
        private final Generations generations;

        FailingOnRebuild(AnalyticsConfig config, Clock clock, Generations generations) {
            super(config, clock);
            this.generations = generations;
        }

        @Override
        public Outcome apply(Generation g, List<SourceEvent> batch) {
            if (g.number() != generations.state().active()) {
                throw new IllegalStateException("a defect met while replaying");
            }
            return super.apply(g, batch);
        }
    }

    @Test
    void aRebuildThatFailsSaysWhyAndTheLiveGenerationStays() {
        QuarkusMock.installMockForType(new FailingOnRebuild(config, clock, generations), BatchApplier.class);
        int live = generations.refresh().active();
        String sla = given().get("/analytics/complaints/sla?from=2024-01-01&to=2025-12-31&granularity=month").then()
                .statusCode(200).extract().asString();

        int target = given().post("/analytics/rebuild").then().statusCode(202).extract().path("generation");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/analytics/rebuild").then()
                .body("state", is("FAILED")).body("error", containsString("a defect met while replaying"))
                .body("liveGeneration", is(live)).body("generation", is(target)));

        assertEquals(live, generations.refresh().active());
        given().get("/analytics/complaints/sla?from=2024-01-01&to=2025-12-31&granularity=month").then()
                .statusCode(200).body(is(sla));
        String database = generations.generation(target).buckets().getNamespace().getDatabaseName();
        await().atMost(Duration.ofSeconds(30)).until(() -> !mongo.getDatabase(database).listCollectionNames()
                .into(new java.util.ArrayList<>()).contains("buckets_g" + target));
        given().post("/analytics/rebuild").then().statusCode(202); // a failed rebuild does not block the next
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/analytics/rebuild").then()
                .body("state", is("FAILED")));
    }
}
