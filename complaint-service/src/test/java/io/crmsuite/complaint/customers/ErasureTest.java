package io.crmsuite.complaint.customers;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.crmsuite.complaint.CustomerFeed;
import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.handling.ActionRequests;
import io.crmsuite.complaint.handling.HandlingService;
import io.crmsuite.complaint.handling.Precondition;
import io.crmsuite.infra.testkit.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/** Erasure on request reaches every copy of the contact details this service keeps, and cannot be undone. */
@QuarkusTest
class ErasureTest {

    private static CustomerFeed feed;

    @Inject
    HandlingService handling;

    @BeforeAll
    static void connect() {
        feed = new CustomerFeed();
    }

    @AfterAll
    static void disconnect() {
        feed.close();
    }

    @Test
    void aHandlingActionThatReadTheComplaintBeforeTheErasureCannotWriteTheContactBack() {
        String customerId = UUID.randomUUID().toString();
        feed.registered(customerId, null, "+5511900000001", "LEAD");
        String id = awaitMatchedComplaint(customerId);

        // the note reads the complaint, then (at its first clock read) the erasure is applied completely, then
        // the note writes: its write must not restore the phone the erasure removed
        TestClock.CLOCK.beforeNextReadOn(Thread.currentThread(), () -> {
            feed.erased(customerId, 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Complaint c = Complaint.findById(id);
                return c.contactPhone == null && c.customerMatch == io.crmsuite.complaint.complaint.Enums.CustomerMatch.ERASED;
            });
        });
        io.crmsuite.platform.http.Caller caller = io.crmsuite.platform.http.Caller.of("callcenter-sp", "agent-7", null);
        handling.note(id, new ActionRequests.Note("called the customer back", null), caller,
                Precondition.of(null, null, null, caller));

        Complaint after = Complaint.findById(id);
        assertNull(after.contactPhone, "the erased phone stays erased");
        assertEquals("ERASED", after.customerMatch.name());
        assertEquals("note", after.timeline.get(after.timeline.size() - 1).type, "the note itself was kept");
    }

    @Test
    void erasureRemovesTheContactKeysOnlyTheErasedCustomerHadAndWhatWaitsForIt() {
        String customerId = UUID.randomUUID().toString();
        String email = "erase." + customerId.substring(0, 8) + "@example.com";
        String phone = "+5511" + (900_000_000 + Math.floorMod(customerId.hashCode(), 99_999_999));
        feed.registered(customerId, email, phone, "LEAD");
        // another customer shares the phone: a caller giving only that phone cannot be matched, and waits
        String sibling = UUID.randomUUID().toString();
        feed.registered(sibling, null, phone, "LEAD");
        await().atMost(Duration.ofSeconds(20)).until(() -> KnownCustomer.findById(customerId) != null
                && KnownCustomer.findById(sibling) != null);
        String waiting = postComplaint(Map.of("contact", Map.of("phone", phone)), "UNMATCHED");
        // a complaint for a customer id this service never saw registered waits for that id
        String neverRegistered = UUID.randomUUID().toString();
        String unknown = postComplaint(Map.of("customerId", neverRegistered,
                "contact", Map.of("email", "unknown." + customerId.substring(0, 8) + "@example.com")), "UNKNOWN_CUSTOMER");

        feed.erased(customerId, 2);
        feed.erased(neverRegistered, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> KnownCustomer.<KnownCustomer>findById(customerId).erased
                && KnownCustomer.findById(neverRegistered) != null);

        assertEquals(List.of(), keysMentioning(email), "no key holds the e-mail only the erased customer had");
        assertEquals(List.of("customer_contacts phone:" + phone, "waiting_complaints phone:" + phone,
                "waiting_complaints phone:" + phone + "|" + waiting), keysMentioning(phone),
                "the shared phone stays, for the other customer, and the complaint waiting under it");
        assertEquals(phone, Complaint.<Complaint>findById(waiting).contactPhone, "it may be the other customer's");
        assertEquals(List.of(), keysMentioning(neverRegistered), "nothing waits for an erased customer any more");
        Complaint erasedUnknown = Complaint.findById(unknown);
        assertNull(erasedUnknown.contactEmail);
        assertEquals("ERASED", erasedUnknown.customerMatch.name());
    }

    private static String postComplaint(Map<String, Object> who, String expectedMatch) {
        Map<String, Object> body = new java.util.HashMap<>(who);
        body.putAll(Map.of("channel", "PHONE", "category", "BILLING", "severity", "LOW",
                "description", "charged twice", "source", "callcenter-sp"));
        return given().contentType(ContentType.JSON).body(body).post("/complaints").then().statusCode(201)
                .body("customerMatch", is(expectedMatch)).extract().path("id");
    }

    private static List<String> keysMentioning(String value) {
        List<String> keys = new ArrayList<>();
        for (String collection : List.of("customer_contacts", "waiting_complaints")) {
            for (Document d : KnownCustomer.mongoDatabase().getCollection(collection).find()) {
                if (d.getString("_id").contains(value)) {
                    keys.add(collection + " " + d.getString("_id"));
                }
            }
        }
        keys.sort(null);
        return keys;
    }

    private static String awaitMatchedComplaint(String customerId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> given().contentType(ContentType.JSON)
                .body(Map.of("customerId", customerId, "contact", Map.of("phone", "+5511900000001"),
                        "channel", "PHONE", "category", "DELIVERY", "severity", "HIGH",
                        "description", "Parcel arrived broken", "source", "callcenter-sp",
                        "externalRef", "CC-" + UUID.randomUUID()))
                .post("/complaints").then().statusCode(201).extract(), r -> "MATCHED".equals(r.path("customerMatch")))
                .path("id");
    }
}
