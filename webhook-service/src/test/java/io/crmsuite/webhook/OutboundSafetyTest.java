package io.crmsuite.webhook;

import static io.crmsuite.webhook.Api.as;
import static io.crmsuite.webhook.Api.subscription;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Server-side request forgery through the API, with the production settings (no private targets, https only):
 * every URL that names or resolves to an address inside the network is refused with a 400 naming {@code url}, on
 * creation and on change, and nothing is stored. Literal addresses only, so that no answer depends on DNS.
 */
@QuarkusTest
@TestProfile(OutboundSafetyTest.ProductionTargets.class)
class OutboundSafetyTest {

    /** The defaults of a deployment: crm.webhooks.private-targets=refuse, crm.webhooks.allow-http=false. */
    public static class ProductionTargets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crm.webhooks.private-targets", "refuse", "crm.webhooks.allow-http", "false");
        }
    }

    /** A public address written as a literal: accepted without a name lookup, never called (no event matches). */
    private static final String PUBLIC_TARGET = "https://93.184.215.14/hooks/crm";

    private final String client = "cc-" + UUID.randomUUID().toString().substring(0, 8);

    @ParameterizedTest
    @ValueSource(strings = {
            "https://127.0.0.1/hook", "https://localhost/hook", "https://10.0.0.7/hook", "https://172.20.1.1/hook",
            "https://192.168.0.10:8443/hook", "https://169.254.169.254/latest/meta-data/", "https://100.64.0.1/hook",
            "https://0.0.0.0/hook", "https://[::1]/hook", "https://[fe80::1]/hook", "https://[fd00::1]/hook",
            "https://[::ffff:10.0.0.1]/hook", "https://[::ffff:169.254.169.254]/hook", "https://[64:ff9b::a00:1]/hook",
            "https://[2002:a00:1::]/hook" })
    void aTargetInsideThePrivateNetworkIsRefusedNamingTheUrl(String url) {
        as(client).contentType(ContentType.JSON).body(body(url)).post("/webhooks").then().statusCode(400)
                .contentType("application/problem+json").body("status", is(400)).body("field", is("url"))
                .body("detail", containsString("private networks are refused"));
        as(client).get("/webhooks").then().statusCode(200).body("items.size()", is(0));
    }

    @Test
    void plainHttpIsRefusedEvenToAPublicAddress() {
        as(client).contentType(ContentType.JSON).body(body("http://93.184.215.14/hooks/crm")).post("/webhooks").then()
                .statusCode(400).contentType("application/problem+json").body("field", is("url"))
                .body("detail", containsString("https"));
    }

    @Test
    void aSubscriptionCannotBeMovedIntoThePrivateNetworkAfterwards() {
        String id = as(client).contentType(ContentType.JSON).body(body(PUBLIC_TARGET)).post("/webhooks").then()
                .statusCode(201).extract().path("id");
        String path = "/webhooks/" + id;

        as(client).contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body("{\"url\": \"https://169.254.169.254/latest/meta-data/\"}").patch(path).then().statusCode(400)
                .contentType("application/problem+json").body("field", is("url"));
        as(client).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body("https://[::1]:9000/x")).put(path)
                .then().statusCode(400).body("field", is("url"));
        as(client).get(path).then().statusCode(200).header("ETag", "\"1\"").body("url", is(PUBLIC_TARGET));
        as(client).delete(path).then().statusCode(204);
    }

    private Map<String, Object> body(String url) {
        return subscription(url, List.of("complaint.*"), Map.of("source", List.of(client)));
    }
}
