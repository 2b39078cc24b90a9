package io.crmsuite.customer;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import io.crmsuite.events.Topics;
import io.crmsuite.infra.testkit.EventLog;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Request bodies and calls the tests share. Names are unique per call, so tests never see each other's data. */
final class Fixtures {

    private Fixtures() {
    }

    static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> customer(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "END_CUSTOMER");
        body.put("name", name);
        body.put("contactMethods", new ArrayList<>(List.of(
                Map.of("type", "EMAIL", "value", emailOf(name)),
                Map.of("type", "PHONE", "value", "+55119" + (10000000 + (int) (Math.random() * 89999999))))));
        body.put("addresses", List.of(Map.of("type", "BILLING", "line1", "Rua A 1", "city", "Sao Paulo",
                "postalCode", "01000-000", "country", "BR")));
        body.put("contactPersons", List.of(Map.of("name", "Rui", "role", "buyer", "preferences", "calls after 14:00")));
        body.put("businessCategory", "retail");
        body.put("region", "south");
        body.put("accountOwner", "m.souza");
        body.put("specialRequirements", "invoice in English");
        body.put("tags", List.of("vip-event"));
        return body;
    }

    /** The e-mail address {@link #customer} gives a customer of that name. */
    static String emailOf(String name) {
        return name.replace(' ', '.').toLowerCase() + "@example.com";
    }

    static Response create(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/customers");
    }

    static String createId(String name) {
        return create(customer(name)).then().statusCode(201).extract().path("id");
    }

    static Response purchase(String customerId, double amount) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("amount", amount, "currency", "EUR", "margin", Math.round(amount * 25) / 100.0, "channel", "store",
                        "productCategory", "shoes"))
                .post("/customers/" + customerId + "/purchases");
    }

    static EventLog customerEvents() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        return new EventLog(bootstrap, Topics.CUSTOMER_EVENTS);
    }
}
