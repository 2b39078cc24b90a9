package io.crmsuite.complaint;

import static io.crmsuite.complaint.Fixtures.complaint;
import static io.crmsuite.complaint.Fixtures.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class IntakeTest {

    @Test
    void takesAComplaintInWithATwentyFourHourClock() {
        Map<String, Object> body = complaint();
        var created = post(body).then().statusCode(201).header("Location", containsString("/complaints/"))
                .body("status", is("RECEIVED")).body("customerMatch", is("UNKNOWN_CUSTOMER"))
                .body("sla.status", is("ON_TRACK")).body("sla.policy", is("default")).body("sla.policyVersion", is(1))
                .body("sla.target", is("PT24H")).body("sla.paused", is("PT0S")).body("attributes.agentDesk", is("7"))
                .body("timeline[0].type", is("received")).body("timeline[0].actor", is(Fixtures.CLIENT))
                .body("timeline[0].agent", is("agent-7"))
                .body("allowedActions", org.hamcrest.Matchers.hasItems("acknowledge", "assign", "hold", "resolve"))
                .extract();
        Instant received = Instant.parse(created.path("receivedAt"));
        assertEquals(received.plus(Duration.ofHours(24)), Instant.parse(created.path("sla.dueAt")));
        String id = created.path("id");
        given().get(created.header("Location")).then().statusCode(200).body("id", is(id))
                .body("sla.remaining", notNullValue()).body("description", is("Parcel arrived broken"));
    }

    /** A new complaint's id is a UUID of version 7 whose first 48 bits are its receivedAt, in milliseconds. */
    @Test
    void aNewComplaintsIdStartsWithItsReceivedAt() {
        var created = post(complaint()).then().statusCode(201).extract();
        UUID id = UUID.fromString(created.path("id"));
        assertEquals(7, id.version());
        assertEquals(Instant.parse(created.path("receivedAt")).toEpochMilli(), id.getMostSignificantBits() >>> 16);
    }

    @Test
    void theClockStartsWhenTheCustomerComplainedNotWhenTheCallCenterPosted() {
        Map<String, Object> body = complaint();
        Instant occurred = Instant.now().minus(Duration.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);
        body.put("occurredAt", occurred.toString());
        var c = post(body).then().statusCode(201).extract();
        assertEquals(occurred.plus(Duration.ofHours(24)), Instant.parse(c.path("sla.dueAt")));
        assertEquals(Duration.ofHours(5).toHours(), Duration.parse(c.path("sla.elapsed")).toHours());
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheFirstComplaintAndAnotherBodyIs422() {
        Map<String, Object> body = complaint();
        String key = UUID.randomUUID().toString();
        String id = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/complaints")
                .then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/complaints").then()
                .statusCode(200).body("id", is(id));
        body.put("description", "something else");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/complaints").then()
                .statusCode(422).contentType("application/problem+json");
    }

    @Test
    void theSameSourceReferenceReturnsTheFirstComplaint() {
        Map<String, Object> body = complaint();
        String id = post(body).then().statusCode(201).extract().path("id");
        Map<String, Object> again = new HashMap<>(body);
        again.put("description", "posted again by the call center after a timeout");
        post(again).then().statusCode(200).body("id", is(id)).body("description", is("Parcel arrived broken"));
    }

    /** A blank reference is none: kept as absent, and two such complaints stay two; padding does not make a new one. */
    @Test
    void aBlankSourceReferenceIsNoneAndPaddingIsNotPartOfOne() {
        Map<String, Object> body = complaint();
        body.put("externalRef", "   ");
        String first = post(body).then().statusCode(201).body("externalRef", org.hamcrest.Matchers.nullValue())
                .extract().path("id");
        Map<String, Object> other = new HashMap<>(body);
        other.put("description", "another complaint without a reference");
        post(other).then().statusCode(201).body("id", org.hamcrest.Matchers.not(is(first)));
        Map<String, Object> padded = complaint();
        String ref = "REF-" + UUID.randomUUID();
        padded.put("externalRef", ref);
        String id = post(padded).then().statusCode(201).body("externalRef", is(ref)).extract().path("id");
        padded.put("externalRef", "  " + ref + " ");
        post(padded).then().statusCode(200).body("id", is(id));
    }

    @Test
    void parallelRetriesCreateExactlyOneComplaint() throws Exception {
        Map<String, Object> body = complaint();
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                    .post("/complaints").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201)).extract().path("id"));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : pool.invokeAll(calls)) {
            ids.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, ids.stream().distinct().count(), "ids " + ids);
        given().queryParam("customerId", body.get("customerId")).get("/complaints").then().body("items", hasSize(1));
    }

    @Test
    void acceptsAnUnknownCallerWithContactDetailsAsUnmatched() {
        Map<String, Object> body = complaint();
        body.remove("customerId");
        body.put("contact", Map.of("email", "Someone.New@Example.com"));
        post(body).then().statusCode(201).body("customerMatch", is("UNMATCHED")).body("customerId", is((Object) null))
                .body("contact.email", is("someone.new@example.com"));
    }

    @Test
    void rejectsBadInputNamingTheField() {
        Map<String, Object> noCustomer = complaint();
        noCustomer.remove("customerId");
        noCustomer.remove("contact");
        post(noCustomer).then().statusCode(400).contentType("application/problem+json").body("field", is("customerId"));

        Map<String, Object> badPhone = complaint();
        badPhone.put("contact", Map.of("phone", "call me"));
        post(badPhone).then().statusCode(400).body("field", is("contact.phone"));

        Map<String, Object> badChannel = complaint();
        badChannel.put("channel", "PIGEON");
        post(badChannel).then().statusCode(400).body("field", is("channel")).body("detail", containsString("SOCIAL"));

        Map<String, Object> noDescription = complaint();
        noDescription.remove("description");
        post(noDescription).then().statusCode(400).body("field", is("description"));

        Map<String, Object> future = complaint();
        future.put("occurredAt", Instant.now().plus(Duration.ofHours(1)).toString());
        post(future).then().statusCode(400).body("field", is("occurredAt"));

        Map<String, Object> tooOld = complaint();
        tooOld.put("occurredAt", Instant.now().minus(Duration.ofDays(8)).toString());
        post(tooOld).then().statusCode(400).body("field", is("occurredAt"));

        Map<String, Object> badCustomer = complaint();
        badCustomer.put("customerId", "9b2f");
        post(badCustomer).then().statusCode(400).body("field", is("customerId"));

        Map<String, Object> manyAttributes = complaint();
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < 21; i++) {
            attributes.put("k" + i, "v");
        }
        manyAttributes.put("attributes", attributes);
        post(manyAttributes).then().statusCode(400).body("field", is("attributes"));

        given().contentType(ContentType.JSON).body("[1,2").post("/complaints").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/complaints/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().queryParam("severity", "APOCALYPTIC").get("/complaints").then().statusCode(400)
                .body("field", is("severity"));
    }

    @Test
    void searchRefusesAnEmptyRangeAndACustomerIdThatIsNoIdInsteadOfAnsweringNothing() {
        String customerId = UUID.randomUUID().toString();
        Map<String, Object> body = complaint();
        body.put("customerId", customerId);
        String id = post(body).then().statusCode(201).extract().path("id");

        given().queryParam("receivedFrom", "2026-11-23").queryParam("receivedTo", "2026-11-22").get("/complaints")
                .then().statusCode(400).contentType("application/problem+json").body("field", is("receivedTo"))
                .body("detail", is("must be after receivedFrom (receivedFrom is inclusive, receivedTo exclusive)"));
        // equal ends: [from, to) holds nothing either
        given().queryParam("receivedFrom", "2026-11-23T10:00:00Z").queryParam("receivedTo", "2026-11-23T10:00:00Z")
                .get("/complaints").then().statusCode(400).body("field", is("receivedTo"));
        given().queryParam("dueAfter", "2026-11-23T10:00:00Z").queryParam("dueBefore", "2026-11-23T09:00:00Z")
                .get("/complaints").then().statusCode(400).body("field", is("dueBefore"))
                .body("detail", is("must be after dueAfter (dueAfter is inclusive, dueBefore exclusive)"));
        given().queryParam("customerId", "bad").get("/complaints").then().statusCode(400)
                .body("field", is("customerId")).body("detail", containsString("'bad' is not an id"));

        // the same filters the right way round still find the complaint, the id in any case
        given().queryParam("customerId", customerId.toUpperCase()).queryParam("receivedFrom", "2000-01-01")
                .queryParam("receivedTo", "2100-01-01").queryParam("dueAfter", "2000-01-01")
                .queryParam("dueBefore", "2100-01-01").get("/complaints").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", is(id));
    }

    @Test
    void criticalComplaintsAndPlatinumCustomersGetTheirPolicy() {
        Map<String, Object> critical = complaint();
        critical.put("severity", "CRITICAL");
        var c = post(critical).then().statusCode(201).body("sla.policy", is("critical")).body("sla.target", is("PT4H"))
                .extract();
        assertEquals(Instant.parse(c.path("sla.startedAt")).plus(Duration.ofHours(4)), Instant.parse(c.path("sla.dueAt")));

        Map<String, Object> low = complaint();
        low.put("severity", "LOW");
        post(low).then().statusCode(201).body("sla.policy", is("office-hours")).body("sla.calendar", is("office"));
    }
}
