package io.crmsuite.customer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Control characters never reach PostgreSQL (it refuses NUL in text: a 500 before): a body field, a query parameter
 * or a stored header holding one is a 400 naming it. Free text may hold tab, CR and LF; a one-line field may not.
 */
@QuarkusTest
class TextInputTest {

    @Test
    void aPurchaseWhoseChannelHoldsNulIsRefusedNamingTheField() {
        String id = Fixtures.createId(Fixtures.unique("Nul Channel"));
        given().contentType(ContentType.JSON).body("{\"amount\": 10.00, \"currency\": \"EUR\", \"channel\": \"\\u0000\"}")
                .post("/customers/" + id + "/purchases").then().statusCode(400)
                .contentType("application/problem+json").body("field", is("channel"))
                .body("detail", containsString("U+0000"));
    }

    @Test
    void aLineBreakIsFineInFreeTextAndRefusedInAName() {
        Map<String, Object> customer = Fixtures.customer(Fixtures.unique("Two Lines"));
        customer.put("specialRequirements", "invoice in English\r\n\tand in Portuguese");
        Fixtures.create(customer).then().statusCode(201);
        customer = Fixtures.customer(Fixtures.unique("Two") + "\nLines");
        Fixtures.create(customer).then().statusCode(400).body("field", is("name"));
    }

    @Test
    void aControlCharacterInANestedFieldOrAListIsNamedByItsPath() {
        Map<String, Object> customer = Fixtures.customer(Fixtures.unique("Nested"));
        customer.put("tags", java.util.List.of("ok", "bell\u0007"));
        Fixtures.create(customer).then().statusCode(400).body("field", is("tags[1]"));
    }

    @Test
    void queryParametersAndStoredHeadersAreRefusedToo() throws Exception {
        given().queryParam("name", "a\u0000b").get("/customers").then().statusCode(400)
                .contentType("application/problem+json").body("field", is("name"));
        // HTTP clients refuse to send such a header: a raw request, as an attacker would send it
        String body = "{\"kind\": \"END_CUSTOMER\", \"name\": \"" + Fixtures.unique("Key") + "\"}";
        String answer = raw("POST /customers HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Idempotency-Key: k\u0001\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        org.junit.jupiter.api.Assertions.assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
    }

    /** Sends bytes as they are and returns the whole answer. */
    private static String raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void theSameIdempotencyKeyFromTwoClientsCreatesTwoCustomers() {
        Map<String, Object> body = Fixtures.customer(Fixtures.unique("Two Clients"));
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", "shared-key-1")
                .header("X-Client-Id", "erp-a").body(body).post("/customers").then().statusCode(201).extract()
                .path("id");
        String second = given().contentType(ContentType.JSON).header("Idempotency-Key", "shared-key-1")
                .header("X-Client-Id", "erp-b").body(body).post("/customers").then().statusCode(201).extract()
                .path("id");
        org.junit.jupiter.api.Assertions.assertNotEquals(first, second);
        given().contentType(ContentType.JSON).header("Idempotency-Key", "shared-key-1").header("X-Client-Id", "erp-a")
                .body(body).post("/customers").then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", is(first));
    }
}
