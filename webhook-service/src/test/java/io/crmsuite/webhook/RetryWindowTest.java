package io.crmsuite.webhook;

import static io.crmsuite.webhook.Api.as;
import static io.crmsuite.webhook.Api.deliveries;
import static io.crmsuite.webhook.Api.patience;
import static io.crmsuite.webhook.Api.subscribe;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.crmsuite.events.EventTypes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * What happens to a receiver that keeps failing, with the 24-hour retry window and the 3-day disabling shortened to
 * seconds: each delivery is retried until its window is over and then marked FAILED (its lane moves on); the
 * subscription is disabled with the reason once it has failed for longer than disable-after, or at once when the
 * receiver answers 410 Gone; enabled again, what waited goes out; a failed delivery can be sent again on request.
 */
@QuarkusTest
@TestProfile(RetryWindowTest.ShortWindows.class)
class RetryWindowTest {

    /** Retries for 2 s (pauses of 0.1 to 0.5 s, the test profile's), disabling after 3 s of failures. */
    public static class ShortWindows implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crm.webhooks.retry.window", "PT2S", "crm.webhooks.retry.disable-after", "PT3S");
        }
    }

    private final String client = "cc-" + UUID.randomUUID().toString().substring(0, 8);
    private final String source = "source-" + UUID.randomUUID().toString().substring(0, 8);
    private final Receiver receiver = new Receiver();
    private final ComplaintFeed feed = new ComplaintFeed();

    @AfterEach
    void cleanUp() {
        receiver.close();
        feed.close();
    }

    @Test
    void aDeliveryIsRetriedThroughItsWindowThenFailedAndAFailingSubscriptionIsDisabledWithTheReason() {
        receiver.answer(500, "down for maintenance");
        Api.Subscribed s = subscribe(client, receiver.url(), List.of("complaint.*"), source);

        ComplaintFeed.Published first = feed.complaint(UUID.randomUUID().toString(), 1, EventTypes.COMPLAINT_RECEIVED,
                source);
        Map<String, Object> failed = await().atMost(patience()).until(() -> delivery(s, first.id()),
                d -> d.isPresent() && d.get().get("status").equals("FAILED")).orElseThrow();
        int attempts = (Integer) failed.get("attempts");
        assertTrue(attempts >= 2, "retried before giving up: " + failed);
        assertEquals(500, failed.get("lastStatusCode"));
        assertEquals("down for maintenance", failed.get("lastResponse"));
        assertEquals("HTTP 500", failed.get("lastError"));
        assertNotNull(failed.get("failedAt"));
        assertEquals(attempts, receiver.requests(r -> first.id().equals(r.webhookId())).size(),
                "every attempt reached the receiver, with the same webhook-id");

        // failures go on (another complaint) until the subscription has failed for longer than disable-after
        ComplaintFeed.Published second = feed.complaint(UUID.randomUUID().toString(), 1, EventTypes.COMPLAINT_RECEIVED,
                source);
        await().atMost(patience()).untilAsserted(() -> as(client).get("/webhooks/" + s.id()).then().statusCode(200)
                .body("enabled", is(false)).body("disabledReason", containsString("no delivery succeeded since"))
                .body("disabledReason", containsString("HTTP 500")));

        receiver.answer(204, "");
        String etag = as(client).get("/webhooks/" + s.id()).then().extract().header("ETag");
        as(client).contentType("application/merge-patch+json").header("If-Match", etag).body("{\"enabled\": true}")
                .patch("/webhooks/" + s.id()).then().statusCode(200).body("enabled", is(true))
                .body("disabledReason", org.hamcrest.Matchers.nullValue());
        await().atMost(patience()).until(() -> delivery(s, second.id()),
                d -> d.isPresent() && d.get().get("status").equals("DELIVERED"));
        assertTrue(Verification.verifies(s.secret(), receiver.awaitIds(List.of(second.id()), patience()).get(0)));

        // the failed one, sent again on request: due at once, with a fresh window
        as(client).post("/webhooks/" + s.id() + "/deliveries/" + failed.get("id") + "/retry").then().statusCode(202)
                .body("status", is("PENDING"));
        await().atMost(patience()).until(() -> delivery(s, first.id()),
                d -> d.isPresent() && d.get().get("status").equals("DELIVERED"));
        as(client).post("/webhooks/" + s.id() + "/deliveries/" + failed.get("id") + "/retry").then().statusCode(202);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("crm_webhooks_attempts_total{outcome=\"rejected\"}"), "failed attempts counted");
        assertTrue(metrics.contains("crm_webhooks_deliveries_total{outcome=\"failed\"}"), "failed deliveries counted");
        assertTrue(metrics.contains("crm_webhooks_deliveries_total{outcome=\"delivered\"}"));
        await().atMost(patience()).until(() -> given().get("/q/metrics").then().extract().asString()
                .contains("crm_webhooks_delivery_lag_seconds{subscription=\"" + s.id() + "\"}"));
        as(client).delete("/webhooks/" + s.id()).then().statusCode(204);
    }

    @Test
    void aReceiverAnswering410GoneDisablesItsSubscriptionAtOnce() {
        receiver.answer(410, "this endpoint was retired");
        Api.Subscribed s = subscribe(client, receiver.url(), List.of("complaint.*"), source);

        ComplaintFeed.Published event = feed.complaint(UUID.randomUUID().toString(), 1, EventTypes.COMPLAINT_RECEIVED,
                source);

        receiver.awaitIds(List.of(event.id()), patience());
        await().atMost(patience()).untilAsserted(() -> as(client).get("/webhooks/" + s.id()).then().statusCode(200)
                .body("enabled", is(false)).body("disabledReason", containsString("410 Gone")));
        JsonPath view = as(client).get("/webhooks/" + s.id()).then().extract().jsonPath();
        assertNotNull(view.getString("disabledAt"));
        as(client).delete("/webhooks/" + s.id()).then().statusCode(204);
    }

    private static Optional<Map<String, Object>> delivery(Api.Subscribed s, String eventId) {
        return deliveries(s).stream().filter(d -> eventId.equals(d.get("eventId"))).findFirst();
    }
}
