package io.crmsuite.webhook;

import static io.crmsuite.webhook.Api.as;
import static io.crmsuite.webhook.Api.asAdmin;
import static io.crmsuite.webhook.Api.subscription;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The subscription API: the secret shown once, ETags, Idempotency-Keys, ownership, bad input, the test ping. */
@QuarkusTest
class SubscriptionApiTest {

    private Receiver receiver;
    private final String client = "cc-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void startReceiver() {
        receiver = new Receiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private Map<String, Object> body() {
        return subscription(receiver.url(), List.of("complaint.*"), Map.of("source", List.of(client)));
    }

    @Test
    void theSecretIsInTheAnswerThatMadeItAndNowhereElse() {
        JsonPath created = as(client).contentType(ContentType.JSON).body(body()).post("/webhooks").then().statusCode(201)
                .header("Location", matchesPattern(".*/webhooks/[0-9a-f-]{36}$")).header("ETag", "\"1\"")
                .body("owner", is(client)).body("enabled", is(true)).body("eventTypes", contains("complaint.*"))
                .body("filters.source", contains(client)).extract().jsonPath();
        String secret = created.getString("secret");
        assertTrue(secret.startsWith("whsec_"), secret);
        assertTrue(Base64.getDecoder().decode(secret.substring(6)).length >= 24, secret);
        String id = created.getString("id");

        as(client).get("/webhooks/" + id).then().statusCode(200).header("ETag", "\"1\"").body("$", not(hasKey("secret")));
        as(client).get("/webhooks").then().statusCode(200).body("items.id", contains(id))
                .body("items[0]", not(hasKey("secret")));
        as(client).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body()).put("/webhooks/" + id).then()
                .statusCode(200).body("$", not(hasKey("secret")));
    }

    @Test
    void changesNeedTheCurrentETag() {
        Api.Subscribed s = Api.subscribe(client, body());
        Map<String, Object> changed = subscription(receiver.url(), List.of("complaint.resolved", "complaint.reopened"), null);
        as(client).contentType(ContentType.JSON).body(changed).put("/webhooks/" + s.id()).then().statusCode(428)
                .contentType("application/problem+json").body("field", is("If-Match"));
        as(client).contentType(ContentType.JSON).header("If-Match", "\"7\"").body(changed).put("/webhooks/" + s.id())
                .then().statusCode(412);
        as(client).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(changed).put("/webhooks/" + s.id())
                .then().statusCode(200).header("ETag", "\"2\"").body("eventTypes", contains("complaint.resolved",
                        "complaint.reopened")).body("filters.source", is(List.of()));

        as(client).contentType("application/merge-patch+json").header("If-Match", "\"2\"")
                .body("{\"enabled\": false, \"description\": \"paused for maintenance\"}").patch("/webhooks/" + s.id())
                .then().statusCode(200).header("ETag", "\"3\"").body("enabled", is(false))
                .body("disabledReason", is("disabled by " + client)).body("disabledAt", notNullValue())
                .body("description", is("paused for maintenance")).body("eventTypes", contains("complaint.resolved",
                        "complaint.reopened"));
        as(client).contentType("application/merge-patch+json").header("If-Match", "\"3\"").body("{\"enabled\": true}")
                .patch("/webhooks/" + s.id()).then().statusCode(200).body("enabled", is(true))
                .body("disabledReason", nullValue());

        as(client).header("If-Match", "\"1\"").delete("/webhooks/" + s.id()).then().statusCode(412);
        as(client).delete("/webhooks/" + s.id()).then().statusCode(204);
        as(client).get("/webhooks/" + s.id()).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aRetriedCreationWithItsIdempotencyKeyAnswersWithTheFirstSubscription() {
        String key = "create-" + UUID.randomUUID();
        JsonPath first = as(client).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body())
                .post("/webhooks").then().statusCode(201).extract().jsonPath();
        JsonPath again = as(client).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body())
                .post("/webhooks").then().statusCode(201).header("Idempotent-Replayed", "true").extract().jsonPath();
        assertEquals(first.getString("id"), again.getString("id"));
        assertEquals(first.getString("secret"), again.getString("secret"), "the retry gets the answer it missed");
        as(client).get("/webhooks").then().body("items.id", contains(first.getString("id")));

        Map<String, Object> other = body();
        other.put("eventTypes", List.of("*"));
        as(client).contentType(ContentType.JSON).header("Idempotency-Key", key).body(other).post("/webhooks").then()
                .statusCode(422).contentType("application/problem+json");
        // the same key from another client is another request
        as(client + "-other").contentType(ContentType.JSON).header("Idempotency-Key", key).body(body()).post("/webhooks")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue());
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("url", "not a url", null),
                Arguments.of("url", "ftp://example.com/hooks", null),
                Arguments.of("url", "https://user:secret@example.com/hooks", null),
                Arguments.of("url", "https://does-not-exist.invalid/hooks", null),
                Arguments.of("url", "https://example.com/ho\u0007oks", null),
                Arguments.of("url", null, null),
                Arguments.of("eventTypes[0]", List.of("complaint.nope"), null),
                Arguments.of("eventTypes[1]", List.of("complaint.received", "complaint.sla*"), null),
                Arguments.of("eventTypes", List.of(), null),
                Arguments.of("filters.severity[0]", Map.of("severity", List.of("URGENT")), null),
                Arguments.of("filters.category[0]", Map.of("category", "NOT_A_CATEGORY"), null),
                Arguments.of("description", "line one\u0000", null),
                Arguments.of("secret", "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", null));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void badInputIsA400NamingTheField(String field, Object value, Object unused) {
        Map<String, Object> body = new HashMap<>(body());
        String key = field.startsWith("eventTypes") ? "eventTypes" : field.startsWith("filters") ? "filters"
                : field;
        if (value == null) {
            body.remove(key);
        } else {
            body.put(key, value);
        }
        as(client).contentType(ContentType.JSON).body(body).post("/webhooks").then().statusCode(400)
                .contentType("application/problem+json").body("status", is(400)).body("field", is(field))
                .body("detail", notNullValue());
    }

    @Test
    void aBodyThatIsNotJsonIsA400() {
        as(client).contentType(ContentType.JSON).body("{\"url\": ").post("/webhooks").then().statusCode(400)
                .contentType("application/problem+json");
        as(client).queryParam("limit", "0").get("/webhooks").then().statusCode(400).body("field", is("limit"));
        as(client).queryParam("cursor", "garbage").get("/webhooks").then().statusCode(400).body("field", is("cursor"));
    }

    @Test
    void noBodyAtAllIs400NamingTheBody() {
        as(client).contentType(ContentType.JSON).post("/webhooks").then().statusCode(400)
                .contentType("application/problem+json").body("field", is("body"))
                .body("detail", is("a JSON body is required"));
        Api.Subscribed mine = Api.subscribe(client, body());
        as(client).contentType(ContentType.JSON).header("If-Match", "\"1\"").put("/webhooks/" + mine.id()).then()
                .statusCode(400).body("field", is("body")).body("detail", is("a JSON body is required"));
        as(client).contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .patch("/webhooks/" + mine.id()).then().statusCode(400).body("field", is("body"))
                .body("detail", is("a JSON body is required"));
    }

    @Test
    void aLimitOutOfRangeIsA400GivingTheRealBounds() {
        Api.Subscribed mine = Api.subscribe(client, body());
        // crm.webhooks.paging.max-limit is 500: the message says so whatever is wrong with the value
        for (String path : new String[] { "/webhooks", "/webhooks/" + mine.id() + "/deliveries" }) {
            for (String limit : new String[] { "0", "-1", "abc", "501" }) {
                as(client).queryParam("limit", limit).get(path).then().statusCode(400)
                        .contentType("application/problem+json").body("field", is("limit"))
                        .body("detail", is("must be a whole number between 1 and 500"));
            }
            as(client).queryParam("limit", 500).get(path).then().statusCode(200);
        }
    }

    @Test
    void aClientSeesAndChangesOnlyItsOwnSubscriptionsAndAnAdminAll() {
        Api.Subscribed mine = Api.subscribe(client, body());
        String other = client + "-b";
        String path = "/webhooks/" + mine.id();

        as(other).get(path).then().statusCode(404).contentType("application/problem+json");
        as(other).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body()).put(path).then().statusCode(404);
        as(other).contentType("application/merge-patch+json").header("If-Match", "\"1\"").body("{\"enabled\":false}")
                .patch(path).then().statusCode(404);
        as(other).post(path + "/rotate-secret").then().statusCode(404);
        as(other).post(path + "/test").then().statusCode(404);
        as(other).get(path + "/deliveries").then().statusCode(404);
        as(other).delete(path).then().statusCode(404);
        as(other).get("/webhooks").then().statusCode(200).body("items.id", not(hasItem(mine.id())));
        as(client).get(path).then().statusCode(200).header("ETag", "\"1\""); // untouched
        assertEquals(0, receiver.requests().size(), "another client's test ping reached nobody");

        asAdmin("ops").get(path).then().statusCode(200).body("owner", is(client));
        asAdmin("ops").queryParam("owner", client).get("/webhooks").then().statusCode(200)
                .body("items.id", contains(mine.id())).body("items.owner", everyItem(is(client)));
        asAdmin("ops").contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body("{\"enabled\":false}").patch(path).then().statusCode(200).body("disabledReason", is("disabled by ops"));
        // the roles come from the gateway alone: a client calling itself admin in another header gains nothing
        given().header("X-Client-Id", other).header("X-Client-Roles", "call-center, admins").get(path).then()
                .statusCode(404);

        String direct = given().contentType(ContentType.JSON).body(body()).post("/webhooks").then().statusCode(201)
                .body("owner", is("direct")).extract().path("id");
        as(client).get("/webhooks/" + direct).then().statusCode(404);
        given().get("/webhooks/" + direct).then().statusCode(200);
        given().delete("/webhooks/" + direct).then().statusCode(204);
    }

    @Test
    void listsPageByPageInCreationOrder() {
        String owner = client + "-pages";
        List<String> ids = Stream.of(1, 2, 3).map(i -> Api.subscribe(owner, body()).id()).toList();
        JsonPath first = as(owner).queryParam("limit", 2).get("/webhooks").then().statusCode(200).extract().jsonPath();
        assertEquals(ids.subList(0, 2), first.getList("items.id"));
        JsonPath second = as(owner).queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .get("/webhooks").then().statusCode(200).extract().jsonPath();
        assertEquals(ids.subList(2, 3), second.getList("items.id"));
        assertEquals(null, second.getString("nextCursor"));
    }

    @Test
    void theTestPingIsSignedAndAnswersWithWhatTheReceiverSaid() {
        Api.Subscribed s = Api.subscribe(client, body());
        receiver.answer(202, "pong");
        JsonPath ping = as(client).post("/webhooks/" + s.id() + "/test").then().statusCode(200)
                .body("delivered", is(true)).body("statusCode", is(202)).body("response", is("pong"))
                .body("webhookId", startsWith("ping-")).extract().jsonPath();
        Receiver.Request request = receiver.await(r -> ping.getString("webhookId").equals(r.webhookId()), 1, Api.patience())
                .get(0);
        assertTrue(Verification.verifies(s.secret(), request));
        JsonPath event = JsonPath.from(request.bodyText());
        assertEquals("webhook.ping", event.getString("type"));
        assertEquals(s.id(), event.getString("subject"));

        String rotated = as(client).post("/webhooks/" + s.id() + "/rotate-secret").then().statusCode(200)
                .header("ETag", "\"2\"").body("previousSecretValidUntil", notNullValue()).extract().path("secret");
        assertNotEquals(s.secret(), rotated);
        as(client).get("/webhooks/" + s.id()).then().body("$", not(hasKey("secret")));

        receiver.answer(500, "not today");
        JsonPath failed = as(client).post("/webhooks/" + s.id() + "/test").then().statusCode(200)
                .body("delivered", is(false)).body("statusCode", is(500)).body("response", is("not today"))
                .extract().jsonPath();
        Receiver.Request second = receiver.await(r -> failed.getString("webhookId").equals(r.webhookId()), 1,
                Api.patience()).get(0);
        List<String> signatures = Verification.signatures(second);
        assertEquals(2, signatures.size(), "the new secret's signature, and the replaced one's during the overlap");
        assertEquals(Verification.expected(rotated, second), signatures.get(0));
        assertEquals(Verification.expected(s.secret(), second), signatures.get(1));

        receiver.stop();
        as(client).post("/webhooks/" + s.id() + "/test").then().statusCode(200).body("delivered", is(false))
                .body("statusCode", nullValue()).body("error", containsString("connection refused"));
    }
}
