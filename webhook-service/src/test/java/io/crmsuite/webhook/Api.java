package io.crmsuite.webhook;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Calls to the API as the gateway makes them: with the client's name and roles in X-Client-Id / X-Client-Roles. */
public final class Api {

    private Api() {
    }

    /** A subscription made by a test: its id and the secret shown once. */
    public record Subscribed(String id, String secret, String owner) {
    }

    public static RequestSpecification as(String client) {
        return given().header("X-Client-Id", client).header("X-Client-Roles", "call-center");
    }

    public static RequestSpecification asAdmin(String client) {
        return given().header("X-Client-Id", client).header("X-Client-Roles", "internal,admin");
    }

    public static Map<String, Object> subscription(String url, List<String> eventTypes, Map<String, Object> filters) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", url);
        body.put("eventTypes", new ArrayList<>(eventTypes));
        if (filters != null) {
            body.put("filters", filters);
        }
        return body;
    }

    public static Subscribed subscribe(String client, Map<String, Object> body) {
        JsonPath created = as(client).contentType(ContentType.JSON).body(body).post("/webhooks").then().statusCode(201)
                .extract().jsonPath();
        return new Subscribed(created.getString("id"), created.getString("secret"), client);
    }

    /** A subscription of {@code client} to {@code eventTypes} of complaints from {@code source} only. */
    public static Subscribed subscribe(String client, String url, List<String> eventTypes, String source) {
        return subscribe(client, subscription(url, eventTypes, Map.of("source", List.of(source))));
    }

    public static void delete(Subscribed subscription) {
        as(subscription.owner()).delete("/webhooks/" + subscription.id());
    }

    /** The subscription's deliveries, newest first (one page of up to 500). */
    public static List<Map<String, Object>> deliveries(Subscribed subscription) {
        return as(subscription.owner()).queryParam("limit", 500).get("/webhooks/" + subscription.id() + "/deliveries")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    public static Duration patience() {
        return Duration.ofSeconds(60);
    }
}
