package io.crmsuite.customer;

import static io.crmsuite.customer.Fixtures.createId;
import static io.crmsuite.customer.Fixtures.purchase;
import static io.crmsuite.customer.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

@QuarkusTest
class TierTest {

    @Inject
    EntityManager em;

    /** The pyramid ranks every customer, so this test starts from an empty customer base. */
    @BeforeEach
    void emptyCustomerBase() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "TRUNCATE purchase, tier_history, lifecycle_history, idempotency_key, customer CASCADE").executeUpdate());
    }

    @Test
    void ranksTwentyCustomersIntoThePyramidAndRecordsEveryMove() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            String id = createId(unique("Rank " + i));
            ids.add(id);
            if (i <= 12) {
                purchase(id, 1000 - i * 10).then().statusCode(201); // customer 1 spends most
            }
        }
        // 20 customers: top 5% = 1 platinum, next 15% = 3 gold, next 30% = 6 iron, rest lead (and no-spend is lead)
        given().post("/customers/tiers/recompute").then().statusCode(200).body("moved", is(10))
                .body("upgraded", is(10)).body("downgraded", is(0)).body("basis", is("REVENUE"));
        given().get("/customers/" + ids.get(0)).then().body("tier", is("PLATINUM"));
        given().get("/customers/" + ids.get(1)).then().body("tier", is("GOLD"));
        given().get("/customers/" + ids.get(3)).then().body("tier", is("GOLD"));
        given().get("/customers/" + ids.get(4)).then().body("tier", is("IRON"));
        given().get("/customers/" + ids.get(9)).then().body("tier", is("IRON"));
        given().get("/customers/" + ids.get(10)).then().body("tier", is("LEAD"));
        given().get("/customers/" + ids.get(19)).then().body("tier", is("LEAD"));
        given().get("/customers/" + ids.get(0) + "/tier-history").then().statusCode(200).body("", hasSize(1))
                .body("[0].from", is("LEAD")).body("[0].to", is("PLATINUM")).body("[0].basisValue", is(990.0f));

        given().post("/customers/tiers/recompute").then().body("moved", is(0));

        // customer 20 buys big and takes the top; the former platinum moves down
        purchase(ids.get(19), 5000).then().statusCode(201);
        given().post("/customers/tiers/recompute").then().body("moved", is(4)).body("upgraded", is(1))
                .body("downgraded", is(3));
        given().get("/customers/" + ids.get(19)).then().body("tier", is("PLATINUM"));
        given().get("/customers/" + ids.get(0)).then().body("tier", is("GOLD"));
    }
}
