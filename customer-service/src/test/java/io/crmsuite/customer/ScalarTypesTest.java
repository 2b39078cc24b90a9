package io.crmsuite.customer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A value of another JSON type than its field's is a 400 naming the field, never converted (StrictScalars). */
@QuarkusTest
class ScalarTypesTest {

    @Test
    void aNumberWhereTextIsExpectedIsRefusedNotStoredAsText() {
        Map<String, Object> customer = Fixtures.customer(Fixtures.unique("Typed"));
        customer.put("name", 123);
        Fixtures.create(customer).then().statusCode(400).contentType("application/problem+json")
                .body("field", is("name")).body("detail", containsString("as String"));
        customer = Fixtures.customer(Fixtures.unique("Typed"));
        customer.put("tags", List.of(1, 2));
        Fixtures.create(customer).then().statusCode(400).body("field", is("tags[0]"));
    }

    @Test
    void aNumberForAnEnumIsRefusedNotTakenAsItsPosition() {
        Map<String, Object> customer = Fixtures.customer(Fixtures.unique("Typed"));
        customer.put("kind", 1);
        Fixtures.create(customer).then().statusCode(400).body("field", is("kind"))
                .body("detail", containsString("END_CUSTOMER"));
    }

    /** 1700000000 could be seconds or milliseconds: only ISO-8601 text names an instant. */
    @Test
    void anInstantGivenAsANumberIsRefused() {
        String id = Fixtures.createId(Fixtures.unique("Typed Time"));
        given().contentType(ContentType.JSON).body("{\"amount\": 12.50, \"currency\": \"EUR\", \"occurredAt\": 1700000000}")
                .post("/customers/" + id + "/purchases").then().statusCode(400).contentType("application/problem+json")
                .body("field", is("occurredAt"));
        given().contentType(ContentType.JSON).body("{\"amount\": 12.50, \"currency\": \"EUR\", \"occurredAt\": \"2026-01-02T03:04:05Z\"}")
                .post("/customers/" + id + "/purchases").then().statusCode(201).body("occurredAt", is("2026-01-02T03:04:05Z"));
    }

    @Test
    void anAmountGivenAsTextIsRefused() {
        String id = Fixtures.createId(Fixtures.unique("Typed Purchase"));
        given().contentType(ContentType.JSON).body("{\"amount\": \"12.50\", \"currency\": \"EUR\", \"channel\": \"web\"}")
                .post("/customers/" + id + "/purchases").then().statusCode(400).contentType("application/problem+json")
                .body("field", is("amount")).body("detail", containsString("expected a number"));
    }
}
