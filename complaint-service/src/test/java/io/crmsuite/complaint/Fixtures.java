package io.crmsuite.complaint;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import io.crmsuite.events.Topics;
import io.crmsuite.infra.testkit.EventLog;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Request bodies and calls the complaint tests share. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Map<String, Object> complaint() {
        Map<String, Object> body = new HashMap<>();
        body.put("customerId", UUID.randomUUID().toString());
        body.put("contact", Map.of("phone", "+5511987654321"));
        body.put("channel", "PHONE");
        body.put("category", "DELIVERY");
        body.put("severity", "HIGH");
        body.put("description", "Parcel arrived broken");
        body.put("source", "callcenter-sp");
        body.put("externalRef", "CC-" + UUID.randomUUID());
        body.put("attributes", Map.of("agentDesk", "7"));
        return body;
    }

    /** The client the gateway names for these tests' requests (it always sets X-Client-Id). */
    public static final String CLIENT = "callcenter-sp";

    public static Response post(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).header("X-Client-Id", CLIENT).header("X-Actor", "agent-7")
                .body(body).post("/complaints");
    }

    public static String create() {
        return create(complaint());
    }

    public static String create(Map<String, Object> body) {
        return post(body).then().statusCode(201).extract().path("id");
    }

    public static Response act(String id, String action, Object body) {
        return given().contentType(ContentType.JSON).header("X-Client-Id", CLIENT).header("X-Actor", "agent-7")
                .body(body == null ? Map.of() : body).post("/complaints/" + id + "/" + action);
    }

    public static EventLog complaintEvents() {
        return new EventLog(bootstrap(), Topics.COMPLAINT_EVENTS);
    }

    /** The CloudEvent type of a record on complaint.events. */
    public static String typeOf(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(record.value()).path("type").asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not JSON on complaint.events: " + record.value(), e);
        }
    }

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
