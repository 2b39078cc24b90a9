package io.crmsuite.customer;

import static io.crmsuite.customer.Fixtures.createId;
import static io.crmsuite.customer.Fixtures.purchase;
import static io.crmsuite.customer.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** The pyramid: only customers with value in the window are ranked; counts worked out by hand below. */
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
    void twentyBuyersAmongAHundredCustomersMakeAPyramidOfOneThreeSixAndTen() {
        List<String> buyers = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            String id = createId(unique("Pyramid " + i));
            if (i <= 20) {
                buyers.add(id);
                purchase(id, 1000 - i * 10).then().statusCode(201); // buyer 1 spends most, all amounts distinct
            }
        }
        // n = 20 ranked (the 80 prospects take no place): PLATINUM i <= ceil(1) = 1, GOLD i <= ceil(4) = 4,
        // IRON i <= ceil(10) = 10, LEAD the other 10 buyers; every prospect LEAD
        given().post("/customers/tiers/recompute").then().statusCode(200).body("moved", is(10))
                .body("upgraded", is(10)).body("downgraded", is(0)).body("basis", is("REVENUE"));
        assertEquals(Map.of("PLATINUM", 1L, "GOLD", 3L, "IRON", 6L, "LEAD", 10L), tiersOf(buyers));
        assertEquals(Map.of("LEAD", 100L - 20L), tiersOfAllBut(buyers));
        given().get("/customers/" + buyers.get(0)).then().body("tier", is("PLATINUM"));
        given().get("/customers/" + buyers.get(3)).then().body("tier", is("GOLD"));
        given().get("/customers/" + buyers.get(4)).then().body("tier", is("IRON"));
        given().get("/customers/" + buyers.get(10)).then().body("tier", is("LEAD"));
        given().get("/customers/" + buyers.get(0) + "/tier-history").then().statusCode(200).body("", hasSize(1))
                .body("[0].from", is("LEAD")).body("[0].to", is("PLATINUM")).body("[0].basisValue", is(990.0f));

        given().post("/customers/tiers/recompute").then().body("moved", is(0));

        // buyer 20 buys big and takes the top; the former platinum and the buyers below shift by one
        purchase(buyers.get(19), 5000).then().statusCode(201);
        given().post("/customers/tiers/recompute").then().body("moved", is(4)).body("upgraded", is(1))
                .body("downgraded", is(3));
        given().get("/customers/" + buyers.get(19)).then().body("tier", is("PLATINUM"));
        given().get("/customers/" + buyers.get(0)).then().body("tier", is("GOLD"));
    }

    @Test
    void churnedAndInternalCustomersAreNotRankedAndEqualValuesShareTheBetterTier() {
        List<String> buyers = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String id = createId(unique("Tie " + i));
            buyers.add(id);
            purchase(id, i <= 3 ? 500 : 100 - i).then().statusCode(201); // buyers 1-3 tie at the top
        }
        String churned = createId(unique("Gone"));
        purchase(churned, 9000).then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("reason", "COMPETITOR_PRICE", "competitor", "ACME"))
                .post("/customers/" + churned + "/churn").then().statusCode(200);
        Map<String, Object> internal = Fixtures.customer(unique("Own Shop"));
        internal.put("kind", "INTERNAL");
        String own = Fixtures.create(internal).then().statusCode(201).extract().path("id");
        purchase(own, 8000).then().statusCode(201);

        given().post("/customers/tiers/recompute").then().statusCode(200);
        // n = 10 (the churned and the internal customer take no place, whatever they spent): PLATINUM i <= 1,
        // GOLD i <= 2, IRON i <= 5; rank() gives buyers 1-3 position 1, so all three are PLATINUM, then
        // buyers 4 and 5 (positions 4, 5) IRON, buyers 6-10 LEAD
        assertEquals(Map.of("PLATINUM", 3L, "IRON", 2L, "LEAD", 5L), tiersOf(buyers));
        given().get("/customers/" + churned).then().body("tier", is("LEAD"));
        given().get("/customers/" + own).then().body("tier", is("LEAD"));
    }

    private Map<String, Long> tiersOf(List<String> ids) {
        return count("SELECT tier, count(*) FROM customer WHERE id::text = ANY(?1) GROUP BY tier", ids);
    }

    private Map<String, Long> tiersOfAllBut(List<String> ids) {
        return count("SELECT tier, count(*) FROM customer WHERE NOT (id::text = ANY(?1)) GROUP BY tier", ids);
    }

    private Map<String, Long> count(String sql, List<String> ids) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(sql).setParameter(1, ids.toArray(String[]::new)).getResultList();
            Map<String, Long> counts = new TreeMap<>();
            rows.forEach(r -> counts.put((String) r[0], ((Number) r[1]).longValue()));
            return counts;
        });
    }
}
