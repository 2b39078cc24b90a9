package io.crmsuite.customer;

import static io.crmsuite.customer.Fixtures.create;
import static io.crmsuite.customer.Fixtures.createId;
import static io.crmsuite.customer.Fixtures.customer;
import static io.crmsuite.customer.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class CustomerApiTest {

    @Test
    void createsCustomerWithLocationETagAndEveryField() {
        String name = unique("Ana Lima");
        var response = create(customer(name)).then().statusCode(201)
                .header("Location", containsString("/customers/")).header("ETag", "\"1\"")
                .body("name", is(name)).body("kind", is("END_CUSTOMER")).body("tier", is("LEAD"))
                .body("lifecycleStage", is("PROSPECT")).body("version", is(1))
                .body("addresses[0].city", is("Sao Paulo")).body("contactPersons[0].preferences", is("calls after 14:00"))
                .body("tags[0]", is("vip-event")).extract();
        String location = response.header("Location");
        given().get(location).then().statusCode(200).header("ETag", "\"1\"").body("name", is(name))
                .body("contactMethods[0].type", is("EMAIL"));
    }

    @Test
    void sameIdempotencyKeyAndBodyReturnsTheFirstCustomer() {
        Map<String, Object> body = customer(unique("Retry"));
        String key = java.util.UUID.randomUUID().toString();
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/customers").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/customers").then()
                .statusCode(201).header("Idempotent-Replayed", "true").body("id", is(first));
        body.put("name", "Somebody else");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/customers").then()
                .statusCode(422).contentType("application/problem+json").body("title", is("Unprocessable Content"))
                .body("field", is("Idempotency-Key"));
    }

    @Test
    void parallelRetriesWithOneKeyCreateOneCustomer() throws Exception {
        String name = unique("Burst");
        Map<String, Object> body = customer(name);
        String key = java.util.UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                        .post("/customers").then().statusCode(201).extract().path("id"));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                ids.add(f.get());
            }
            assertEquals(1, ids.stream().distinct().count(), "every retry must answer with the same customer");
        } finally {
            pool.shutdown();
        }
        given().queryParam("name", name).get("/customers").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void rejectsAnInvalidEmailNamingTheField() {
        Map<String, Object> body = customer(unique("Bad Mail"));
        body.put("contactMethods", List.of(Map.of("type", "EMAIL", "value", "not-an-email")));
        create(body).then().statusCode(400).contentType("application/problem+json")
                .body("field", is("contactMethods[0].value")).body("status", is(400));
    }

    @Test
    void rejectsAPhoneNotInInternationalForm() {
        Map<String, Object> body = customer(unique("Bad Phone"));
        body.put("contactMethods", List.of(Map.of("type", "PHONE", "value", "12345")));
        create(body).then().statusCode(400).body("field", is("contactMethods[0].value"));
    }

    @Test
    void rejectsACountryCodeNoCountryHasOnCreatePutAndPatch() {
        String detail = "addresses[1].country: must be an ISO 3166-1 alpha-2 code such as BR that is assigned to a country";
        Map<String, Object> body = customer(unique("Nowhere"));
        // XX is reserved for private use, UK is GB's exceptionally reserved code: two capitals, no country
        body.put("addresses", List.of(address("BR"), address("XX")));
        create(body).then().statusCode(400).contentType("application/problem+json")
                .body("field", is("addresses[1].country")).body("detail", is(detail));
        String id = createId(unique("Somewhere"));
        body.put("addresses", List.of(address("PT"), address("UK")));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body).put("/customers/" + id).then()
                .statusCode(400).body("field", is("addresses[1].country"));
        given().contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body(Map.of("addresses", List.of(address("DE"), address("XX")))).patch("/customers/" + id).then()
                .statusCode(400).body("detail", is(detail));
        given().get("/customers/" + id).then().header("ETag", "\"1\"").body("addresses", hasSize(1))
                .body("addresses[0].country", is("BR"));
        // a wrong shape is reported once, by the pattern
        body.put("addresses", List.of(address("br")));
        create(body).then().statusCode(400).body("errors", hasSize(1))
                .body("errors[0].message", is("must be an ISO 3166-1 alpha-2 code such as BR"));
    }

    private static Map<String, Object> address(String country) {
        return Map.of("type", "OFFICE", "line1", "Main Street 1", "city", "Capital", "country", country);
    }

    @Test
    void rejectsMissingNameAndUnknownKind() {
        Map<String, Object> body = customer(unique("x"));
        body.remove("name");
        create(body).then().statusCode(400).body("field", is("name"));
        body.put("name", "Named");
        body.put("kind", "ALIEN");
        create(body).then().statusCode(400).contentType("application/problem+json").body("field", is("kind"))
                .body("detail", containsString("END_CUSTOMER"));
    }

    @Test
    void rejectsUnknownFieldsBodiesThatAreNotJsonAndOversizeBodies() {
        Map<String, Object> body = customer(unique("Extra"));
        body.put("favouriteColour", "blue");
        create(body).then().statusCode(400).body("field", is("favouriteColour"));
        given().contentType(ContentType.JSON).body("{not json").post("/customers").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.startsWith("the body is not valid JSON"));
        given().contentType(ContentType.JSON).body("{\"name\":\"" + "x".repeat(1_200_000) + "\"}").post("/customers")
                .then().statusCode(413);
    }

    @Test
    void noBodyAtAllIs400NamingTheBodyNotAJavaParameter() {
        String id = createId(unique("Bodiless"));
        // the problem used to name the Java parameter that would have held the body ("request")
        given().contentType(ContentType.JSON).post("/customers").then().statusCode(400)
                .contentType("application/problem+json").body("field", is("body"))
                .body("detail", is("a JSON body is required")).body("errors[0].field", is("body"));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").put("/customers/" + id).then()
                .statusCode(400).body("field", is("body")).body("detail", is("a JSON body is required"));
        given().contentType("application/merge-patch+json").header("If-Match", "\"1\"").patch("/customers/" + id)
                .then().statusCode(400).body("field", is("body")).body("detail", is("a JSON body is required"));
        given().contentType(ContentType.JSON).post("/customers/" + id + "/churn").then().statusCode(400)
                .body("field", is("body")).body("detail", is("a JSON body is required"));
        given().contentType(ContentType.JSON).post("/customers/" + id + "/purchases").then().statusCode(400)
                .body("field", is("body"));
        given().get("/customers/" + id).then().header("ETag", "\"1\"").body("lifecycleStage", is("PROSPECT"));
    }

    @Test
    void unknownCustomerIs404AndAMalformedIdIs404() {
        given().get("/customers/" + java.util.UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/customers/not-a-uuid").then().statusCode(404);
    }

    @Test
    void rejectsAReferrerThatDoesNotExist() {
        Map<String, Object> body = customer(unique("Referred"));
        body.put("referredBy", java.util.UUID.randomUUID().toString());
        create(body).then().statusCode(400).body("field", is("referredBy"));
    }

    @Test
    void putNeedsIfMatchAndRejectsAStaleETag() {
        String id = createId(unique("Put"));
        Map<String, Object> body = customer(unique("Put renamed"));
        given().contentType(ContentType.JSON).body(body).put("/customers/" + id).then().statusCode(428)
                .body("field", is("If-Match"));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body).put("/customers/" + id).then()
                .statusCode(200).header("ETag", "\"2\"").body("name", is(body.get("name")));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body).put("/customers/" + id).then()
                .statusCode(412).contentType("application/problem+json");
    }

    @Test
    void concurrentPutsWithTheSameETagLetExactlyOneWin() throws Exception {
        String id = createId(unique("Race"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Map<String, Object> body = customer(unique("Writer " + i));
                calls.add(() -> given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body)
                        .put("/customers/" + id).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "statuses " + statuses);
            assertEquals(5, statuses.stream().filter(s -> s == 412).count(), "statuses " + statuses);
        } finally {
            pool.shutdown();
        }
        given().get("/customers/" + id).then().header("ETag", "\"2\"");
    }

    @Test
    void mergePatchChangesOnlyTheGivenFields() {
        String name = unique("Patch");
        String id = createId(name);
        given().contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body("{\"region\": \"north\", \"specialRequirements\": null}").patch("/customers/" + id).then()
                .statusCode(200).header("ETag", "\"2\"").body("region", is("north"))
                .body("specialRequirements", nullValue()).body("name", is(name)).body("accountOwner", is("m.souza"));
        given().contentType("application/merge-patch+json").header("If-Match", "\"2\"")
                .body("{\"contactMethods\": [{\"type\": \"EMAIL\", \"value\": \"broken\"}]}").patch("/customers/" + id)
                .then().statusCode(400).body("field", is("contactMethods[0].value"));
        given().contentType("application/merge-patch+json").header("If-Match", "\"2\"").body("{\"tier\": \"GOLD\"}")
                .patch("/customers/" + id).then().statusCode(400).body("field", is("tier"));
    }

    @Test
    void erasureAnonymisesKeepsPurchasesAndAnswers410() {
        String name = unique("Erase Me");
        String id = createId(name);
        Fixtures.purchase(id, 99.90).then().statusCode(201);
        // the searches below find the customer before the erasure, so their empty answers after it mean something
        given().queryParam("email", Fixtures.emailOf(name)).get("/customers").then().body("items.id", equalTo(List.of(id)));
        given().queryParam("name", name).get("/customers").then().body("items.id", equalTo(List.of(id)));
        given().delete("/customers/" + id).then().statusCode(204);
        given().get("/customers/" + id).then().statusCode(410).contentType("application/problem+json");
        given().get("/customers/" + id + "/purchases").then().statusCode(200).body("items", hasSize(1));
        given().queryParam("email", Fixtures.emailOf(name)).get("/customers").then().statusCode(200)
                .body("items", empty());
        given().queryParam("name", name).get("/customers").then().statusCode(200).body("items", empty());
        given().delete("/customers/" + id).then().statusCode(410);
    }

    @Test
    void searchFiltersByNamePrefixEmailPhoneAndPagesWithACursor() {
        String family = unique("Zeta");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(createId(family + " " + i));
        }
        given().queryParam("name", family.toUpperCase()).get("/customers").then().statusCode(200)
                .body("items", hasSize(5)).body("items[0].name", startsWith(family));
        String email = family.replace(' ', '.').toLowerCase() + ".2@example.com";
        given().queryParam("email", email.toUpperCase()).get("/customers").then().body("items", hasSize(1))
                .body("items[0].id", is(ids.get(2)));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var page = given().queryParam("name", family).queryParam("limit", 2)
                    .queryParam("cursor", cursor == null ? new Object[0] : new Object[] { cursor }).get("/customers")
                    .then().statusCode(200).extract();
            paged.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertEquals(ids, paged, "cursor pages cover every customer once, in name order");

        given().queryParam("cursor", "garbage").get("/customers").then().statusCode(400).body("field", is("cursor"));
        // the message gives the real bounds (crm.customers.paging.max-limit), whatever is wrong with the value
        for (String limit : new String[] { "0", "-1", "abc", "501" }) {
            given().queryParam("limit", limit).get("/customers").then().statusCode(400).body("field", is("limit"))
                    .body("detail", is("must be a whole number between 1 and 500"));
        }
        given().queryParam("name", family).queryParam("limit", 500).get("/customers").then().statusCode(200)
                .body("items", hasSize(5));
        given().queryParam("tier", "DIAMOND").get("/customers").then().statusCode(400).body("field", is("tier"));
    }

    @Test
    void searchByPhoneToleratesFormattingAndFiltersByUpdatedSince() {
        String family = unique("Phone");
        String earlier = createId(family + " earlier");
        // a number no fixture makes (area 21, the fixtures use 11), written with spaces and a dash
        String digits = String.valueOf(10_000_000 + (int) (Math.random() * 89_999_999));
        Map<String, Object> body = customer(family + " later");
        body.put("contactMethods", List.of(Map.of("type", "MOBILE",
                "value", "+55 21 9" + digits.substring(0, 4) + "-" + digits.substring(4))));
        String id = create(body).then().statusCode(201).extract().path("id");
        given().queryParam("phone", "+55219" + digits).get("/customers").then().statusCode(200)
                .body("items.id", equalTo(List.of(id)));

        given().queryParam("name", family).get("/customers").then().body("items.id", equalTo(List.of(earlier, id)));
        String updatedAt = given().get("/customers/" + id).then().extract().path("updatedAt");
        given().queryParam("name", family).queryParam("updatedSince", updatedAt).queryParam("sort", "updatedAt")
                .get("/customers").then().statusCode(200).body("items.id", equalTo(List.of(id)));
        given().queryParam("updatedSince", "yesterday").get("/customers").then().statusCode(400)
                .body("field", is("updatedSince")).body(not(containsString("Exception")));
    }
}
