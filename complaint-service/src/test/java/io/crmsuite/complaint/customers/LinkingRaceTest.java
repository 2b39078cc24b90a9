package io.crmsuite.complaint.customers;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.crmsuite.complaint.CustomerFeed;
import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.events.CustomerEventData;
import io.crmsuite.events.EventTypes;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A customer registered while a complaint for it is being taken in, between the intake's match (nobody) and its
 * registration of the wait: whichever side comes second must link the complaint. The race is produced on
 * purpose, by holding the intake at that point until the customer event has been processed completely.
 */
@QuarkusTest
class LinkingRaceTest {

    private static CustomerFeed feed;

    @BeforeAll
    static void connect() {
        feed = new CustomerFeed();
    }

    @AfterAll
    static void disconnect() {
        feed.close();
    }

    /** The intake's customer lookups, with the customer event processed right before the wait is registered. */
    static class RegisteringMeanwhile extends KnownCustomers {
        private final Runnable meanwhile;

        RegisteringMeanwhile(Runnable meanwhile) {
            this.meanwhile = meanwhile;
        }

        @Override
        public void awaitCustomer(Complaint c) {
            meanwhile.run();
            super.awaitCustomer(c);
        }
    }

    @Test
    void aCustomerRegisteredBetweenMatchAndWaitStillGetsItsComplaintLinkedById() {
        String customerId = UUID.randomUUID().toString();
        QuarkusMock.installMockForType(new RegisteringMeanwhile(() -> registerCompletely(customerId, null)),
                KnownCustomers.class);
        String id = post(Map.of("customerId", customerId));
        awaitLinked(id, customerId);
    }

    @Test
    void aCustomerRegisteredBetweenMatchAndWaitStillGetsItsComplaintLinkedByEmail() {
        String customerId = UUID.randomUUID().toString();
        String email = "race." + customerId.substring(0, 8) + "@example.com";
        QuarkusMock.installMockForType(new RegisteringMeanwhile(() -> registerCompletely(customerId, email)),
                KnownCustomers.class);
        String id = post(Map.of("contact", Map.of("email", email)));
        awaitLinked(id, customerId);
    }

    /**
     * Publishes the registration and a second event of the same customer, and waits until the second is stored:
     * events of one customer are processed in order, so the registration's linking pass is over by then.
     */
    private static void registerCompletely(String customerId, String email) {
        feed.registered(customerId, email, null, "GOLD");
        feed.publish(customerId, 2, EventTypes.CUSTOMER_TIER_CHANGED, new CustomerEventData.TierChanged(
                UUID.fromString(customerId), "GOLD", "GOLD", "UPGRADE", "REVENUE", java.math.BigDecimal.ONE,
                java.time.Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            KnownCustomer known = KnownCustomer.findById(customerId);
            return known != null && known.version == 2;
        });
    }

    private static String post(Map<String, Object> who) {
        Map<String, Object> body = new java.util.HashMap<>(who);
        body.put("channel", "PHONE");
        body.put("category", "DELIVERY");
        body.put("severity", "HIGH");
        body.put("description", "Parcel arrived broken");
        body.put("source", "callcenter-sp");
        return given().contentType(ContentType.JSON).body(body).post("/complaints").then().statusCode(201)
                .extract().path("id");
    }

    private static void awaitLinked(String id, String customerId) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/complaints/" + id).then()
                .body("customerMatch", is("MATCHED")).body("customerId", is(customerId))
                .body("customerTier", is("GOLD")));
    }
}
