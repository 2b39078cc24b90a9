package io.crmsuite.complaint;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.crmsuite.complaint.handling.ActionRequests;
import io.crmsuite.complaint.handling.HandlingService;
import io.crmsuite.complaint.handling.Precondition;
import io.crmsuite.platform.http.Caller;
import io.crmsuite.platform.problem.ProblemException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/** Who did it, whose key it is, and what text a complaint accepts: the service's side of the trust boundary. */
@QuarkusTest
class CallerAndInputTest {

    @Inject
    HandlingService handling;
    @Inject
    io.crmsuite.complaint.config.ComplaintConfig config;

    @Test
    void theTimelinesActorIsTheAuthenticatedClientAndAGivenNameIsOnlyTheAgent() {
        String id = Fixtures.create();
        given().contentType(ContentType.JSON).header("X-Client-Id", "callcenter-rj").header("X-Actor", "maria")
                .body(Map.of("text", "pretends to be the supervisor", "actor", "supervisor"))
                .post("/complaints/" + id + "/notes").then().statusCode(200)
                .body("timeline[1].actor", is("callcenter-rj")).body("timeline[1].agent", is("supervisor"));
        given().contentType(ContentType.JSON).body(Map.of("text", "no gateway in front"))
                .post("/complaints/" + id + "/notes").then().statusCode(200)
                .body("timeline[2].actor", is(Caller.DIRECT)).body("timeline[2].agent", is((Object) null));
    }

    @Test
    void anXActorLongerThanTheBodysActorMayBeIsRefusedNamingTheHeader() {
        String id = Fixtures.create();
        String longest = "a".repeat(100);
        given().contentType(ContentType.JSON).header("X-Actor", longest).body(Map.of("text", "fits"))
                .post("/complaints/" + id + "/notes").then().statusCode(200)
                .body("timeline[1].agent", is(longest));
        // refused even when the body names the actor: the header is input too, never silently dropped
        for (Map<String, Object> body : List.of(Map.<String, Object>of("text", "too long"),
                Map.<String, Object>of("text", "too long", "actor", "ana"))) {
            given().contentType(ContentType.JSON).header("X-Actor", longest + "b").body(body)
                    .post("/complaints/" + id + "/notes").then().statusCode(400)
                    .contentType("application/problem+json").body("field", is("X-Actor"))
                    .body("detail", is("must be at most 100 characters"));
        }
        given().contentType(ContentType.JSON).header("X-Actor", "b".repeat(300)).body(Fixtures.complaint())
                .post("/complaints").then().statusCode(400).body("field", is("X-Actor"));
        given().get("/complaints/" + id).then().body("timeline", hasSize(2));
    }

    @Test
    void theSameIdempotencyKeyFromTwoClientsNamesTwoComplaints() {
        Map<String, Object> body = Fixtures.complaint();
        String first = intake("client-a", "intake-key-1", body).then().statusCode(201).extract().path("id");
        String second = intake("client-b", "intake-key-1", body).then().statusCode(201).extract().path("id");
        assertNotEquals(first, second);
        intake("client-a", "intake-key-1", body).then().statusCode(200).body("id", is(first));
    }

    @Test
    void theSameActionKeyFromTwoClientsActsTwiceAndFromOneClientOnce() {
        String id = Fixtures.create();
        for (String client : new String[] { "client-a", "client-b", "client-a" }) {
            given().contentType(ContentType.JSON).header("X-Client-Id", client).header("Idempotency-Key", "note-key")
                    .body(Map.of("text", "called back")).post("/complaints/" + id + "/notes").then().statusCode(200);
        }
        given().get("/complaints/" + id).then().body("timeline.findAll { it.type == 'note' }", hasSize(2));
    }

    @Test
    void everyActionIsRefusedOnceTheTimelineIsFull() {
        String id = Fixtures.create();
        Caller caller = Caller.of("client-a", null, null);
        for (int i = 1; i < config.maxTimelineEntries(); i++) { // the intake wrote the first entry
            handling.note(id, new ActionRequests.Note("note " + i, null), caller, Precondition.of(null, null, null, caller));
        }
        ProblemException full = org.junit.jupiter.api.Assertions.assertThrows(ProblemException.class,
                () -> handling.acknowledge(id, new ActionRequests.Acknowledge("hello", null), caller,
                        Precondition.of(null, null, null, caller)));
        assertEquals(409, full.problem().status());
        Fixtures.act(id, "resolve", Map.of("resolutionCode", "FIXED")).then().statusCode(409)
                .body("detail", containsString("timeline is full"));
    }

    @Test
    void freeTextMayHoldLinesAndOneLineFieldsMayNotAndNoFieldMayHoldNul() {
        Map<String, Object> body = Fixtures.complaint();
        body.put("description", "line one\r\n\tline two");
        Fixtures.post(body).then().statusCode(201);
        body = Fixtures.complaint();
        body.put("source", "callcenter\nsp");
        Fixtures.post(body).then().statusCode(400).contentType("application/problem+json").body("field", is("source"));
        body = Fixtures.complaint();
        body.put("attributes", Map.of("desk", "7\u0000"));
        Fixtures.post(body).then().statusCode(400).body("field", is("attributes.desk"))
                .body("detail", containsString("U+0000"));
        given().queryParam("assignee", "ana\u0000").get("/complaints").then().statusCode(400)
                .body("field", is("assignee"));
    }

    private static io.restassured.response.Response intake(String client, String key, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).header("X-Client-Id", client).header("Idempotency-Key", key)
                .body(body).post("/complaints");
    }
}
