package io.crmsuite.customer;

import static io.crmsuite.customer.Fixtures.createId;
import static io.crmsuite.customer.Fixtures.purchase;
import static io.crmsuite.customer.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.crmsuite.customer.lifecycle.LifecycleService;
import io.crmsuite.infra.testkit.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

@QuarkusTest
class PurchaseAndLifecycleTest {

    @Inject
    LifecycleService lifecycle;

    @AfterEach
    void resetClock() {
        TestClock.CLOCK.reset();
    }

    @Test
    void purchasesMoveAProspectToFirstTimeThenRepeat() {
        String id = createId(unique("Buyer"));
        purchase(id, 100).then().statusCode(201).header("Location", containsString("/customers/" + id + "/purchases/"))
                .body("amount", is(100.0f)).body("margin", is(25.0f));
        given().get("/customers/" + id).then().body("lifecycleStage", is("FIRST_TIME")).body("purchaseCount", is(1));
        purchase(id, 50).then().statusCode(201);
        given().get("/customers/" + id).then().body("lifecycleStage", is("REPEAT"));
        given().get("/customers/" + id + "/purchases").then().statusCode(200).body("items", hasSize(2))
                .body("items[0].amount", is(50.0f));
    }

    @Test
    void fivePurchasesInAYearMakeACustomerLoyal() {
        String id = createId(unique("Loyal"));
        for (int i = 0; i < 5; i++) {
            purchase(id, 10).then().statusCode(201);
        }
        given().get("/customers/" + id).then().body("lifecycleStage", is("LOYAL"));
    }

    @Test
    void referralsMakeABuyingCustomerLoyal() {
        String referrer = createId(unique("Advocate"));
        purchase(referrer, 10).then().statusCode(201);
        for (int i = 0; i < 2; i++) {
            Map<String, Object> friend = Fixtures.customer(unique("Friend"));
            friend.put("referredBy", referrer);
            Fixtures.create(friend).then().statusCode(201).body("referredBy", is(referrer));
        }
        given().get("/customers/" + referrer).then().body("lifecycleStage", is("LOYAL"));
    }

    @Test
    void samePurchaseRetriedWithItsKeyIsRecordedOnce() {
        String id = createId(unique("Retry buyer"));
        // a time in the past whatever the date the test runs on (a fixed date was in the future before it)
        String lastWeek = Instant.now().minus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Object> body = Map.of("amount", 120.50, "currency", "EUR", "cost", 90.50,
                "occurredAt", lastWeek, "channel", "store", "productCategory", "shoes");
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", "till-7-0001").body(body)
                .post("/customers/" + id + "/purchases").then().statusCode(201).body("margin", is(30.0f)).extract()
                .path("id");
        given().contentType(ContentType.JSON).header("Idempotency-Key", "till-7-0001").body(body)
                .post("/customers/" + id + "/purchases").then().statusCode(201).body("id", is(first));
        given().get("/customers/" + id).then().body("purchaseCount", is(1));
    }

    @Test
    void rejectsAnotherCurrencyAFutureTimeAndANegativeAmount() {
        String id = createId(unique("Picky"));
        post(id, Map.of("amount", 10, "currency", "USD")).then().statusCode(400).body("field", is("currency"));
        post(id, Map.of("amount", 10, "currency", "EUR", "occurredAt", Instant.now().plus(Duration.ofDays(2)).toString()))
                .then().statusCode(400).body("field", is("occurredAt"));
        post(id, Map.of("amount", -1, "currency", "EUR")).then().statusCode(400).body("field", is("amount"));
        post(id, Map.of("amount", 10, "currency", "EUR", "margin", 5, "cost", 1)).then().statusCode(400)
                .body("field", is("margin"));
        // a margin above the amount would need a negative cost; a loss (negative margin) is a real purchase
        post(id, Map.of("amount", 10, "currency", "EUR", "margin", 50)).then().statusCode(400)
                .body("field", is("margin"));
        post(id, Map.of("amount", 10, "currency", "EUR", "margin", -2)).then().statusCode(201);
        post(java.util.UUID.randomUUID().toString(), Map.of("amount", 10, "currency", "EUR")).then().statusCode(404);
    }

    @Test
    void churnRecordsTheReasonAndABuyingChurnedCustomerIsReactivated() {
        String id = createId(unique("Leaver"));
        purchase(id, 10).then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("reason", "COMPETITOR_PRICE", "competitor", "ACME"))
                .post("/customers/" + id + "/churn").then().statusCode(200).body("lifecycleStage", is("CHURNED"))
                .body("churnReason", is("COMPETITOR_PRICE"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "OTHER")).post("/customers/" + id + "/churn").then()
                .statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("reason", "BORED")).post("/customers/" + id + "/churn").then()
                .statusCode(400).body("field", is("reason"));
        purchase(id, 10).then().statusCode(201);
        given().get("/customers/" + id).then().body("lifecycleStage", is("REPEAT")).body("churnReason", is((Object) null));
    }

    @Test
    void aClientCannotChurnACustomerAsInactiveAndIsToldTheReasonsItMayGive() {
        String id = createId(unique("Still buying"));
        purchase(id, 10).then().statusCode(201);
        String clientReasons = "[BUSINESS_CHANGED, COMPETITOR_PRICE, COMPETITOR_PRODUCT, COMPETITOR_SERVICE, "
                + "NEEDS_NOT_MET, COMPLAINT_NOT_RESOLVED, OTHER]";
        given().contentType(ContentType.JSON).body(Map.of("reason", "INACTIVE")).post("/customers/" + id + "/churn")
                .then().statusCode(400).contentType("application/problem+json").body("field", is("reason"))
                .body("detail", is("'INACTIVE' is set only by the inactivity scan; give one of " + clientReasons));
        // Jackson's default reads an enum's index too: 0 was INACTIVE
        given().contentType(ContentType.JSON).body("{\"reason\": 0}").post("/customers/" + id + "/churn").then()
                .statusCode(400).body("field", is("reason"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "BORED")).post("/customers/" + id + "/churn")
                .then().statusCode(400).body("field", is("reason"))
                .body("detail", is("reason: 'BORED' is not one of " + clientReasons));
        given().get("/customers/" + id).then().body("lifecycleStage", is("FIRST_TIME"))
                .body("churnReason", is((Object) null));
    }

    @Test
    void aYearWithoutPurchaseChurnsTheCustomerAsInactive() {
        String id = createId(unique("Sleeper"));
        purchase(id, 10).then().statusCode(201);
        TestClock.CLOCK.advance(Duration.ofDays(366));
        lifecycle.churnInactive();
        given().get("/customers/" + id).then().body("lifecycleStage", is("CHURNED")).body("churnReason", is("INACTIVE"));
    }

    @Test
    void aLoyalCustomerStaysLoyalWhenItsPurchasesAgeOutOfTheWindow() {
        String id = createId(unique("Once Loyal"));
        for (int i = 0; i < 5; i++) {
            purchase(id, 10).then().statusCode(201);
        }
        given().get("/customers/" + id).then().body("lifecycleStage", is("LOYAL"));
        // a year and a half later the five purchases are out of the 365-day window: one new purchase makes 1 in
        // the window, which alone would be REPEAT; a stage never moves down but to CHURNED
        TestClock.CLOCK.advance(Duration.ofDays(200));
        purchase(id, 10).then().statusCode(201);
        TestClock.CLOCK.advance(Duration.ofDays(200));
        purchase(id, 10).then().statusCode(201);
        given().get("/customers/" + id).then().body("lifecycleStage", is("LOYAL"));
    }

    @Test
    void aPurchaseBackdatedBeyondTheChurnHorizonDoesNotReactivate() {
        String id = createId(unique("Backdated"));
        purchase(id, 10).then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("reason", "NEEDS_NOT_MET"))
                .post("/customers/" + id + "/churn").then().statusCode(200);
        // a sale from 400 days ago, entered late: it happened while they were a customer, not a return
        post(id, Map.of("amount", 10, "currency", "EUR", "occurredAt",
                TestClock.CLOCK.instant().minus(Duration.ofDays(400)).toString())).then().statusCode(201);
        given().get("/customers/" + id).then().body("lifecycleStage", is("CHURNED"));
        purchase(id, 10).then().statusCode(201); // today: a return
        given().get("/customers/" + id).then().body("lifecycleStage", is("REPEAT"));
    }

    private static io.restassured.response.Response post(String id, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/customers/" + id + "/purchases");
    }
}
