package io.crmsuite.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

class PublicApiDocumentTest {

    private static final JsonObject CUSTOMERS = new JsonObject("""
            {"openapi": "3.1.0",
             "paths": {"/customers/{id}": {"get": {"operationId": "getCustomer",
                 "parameters": [{"name": "id", "in": "path"}, {"name": "X-Client-Id", "in": "header"},
                                {"name": "x-client-roles", "in": "header"}, {"name": "If-None-Match", "in": "header"}],
                 "responses": {"200": {"description": "OK"}, "503": {"description": "store out of reach"}}}}},
             "components": {"schemas": {"Problem": {"type": "object"}, "CustomerView": {"type": "object"}}}}""");
    private static final JsonObject COMPLAINTS = new JsonObject("""
            {"openapi": "3.1.0",
             "paths": {"/complaints": {"post": {"operationId": "createComplaint"}}},
             "components": {"schemas": {"Problem": {"type": "object"}}}}""");

    @Test
    void pathsArePublicTheGatewaysAnswersAddedAndItsOwnHeadersLeftOut() {
        JsonObject merged = PublicApiDocument.merge(List.of(CUSTOMERS, COMPLAINTS), List.of("analytics-service"),
                "https://crm.example.org", "LicenseRef-Proprietary");

        JsonObject get = merged.getJsonObject("paths").getJsonObject("/api/customers/{id}").getJsonObject("get");
        assertEquals("getCustomer", get.getString("operationId"));
        assertEquals(List.of("id", "If-None-Match"), get.getJsonArray("parameters").stream()
                .map(p -> ((JsonObject) p).getString("name")).toList(), "X-Client-Id and X-Client-Roles are the gateway's");
        assertEquals(Set.of("200", "401", "403", "429", "502", "503", "504"), get.getJsonObject("responses").fieldNames());
        assertEquals("store out of reach", get.getJsonObject("responses").getJsonObject("503").getString("description"),
                "a service's own answer is kept");
        assertEquals("#/components/schemas/Problem", get.getJsonObject("responses").getJsonObject("429")
                .getJsonObject("content").getJsonObject("application/problem+json").getJsonObject("schema")
                .getString("$ref"));

        JsonObject post = merged.getJsonObject("paths").getJsonObject("/api/complaints").getJsonObject("post");
        assertEquals(Set.of("401", "403", "429", "502", "504"), post.getJsonObject("responses").fieldNames());

        assertEquals(new JsonArray().add(new JsonObject().put("url", "https://crm.example.org")
                .put("description", "the gateway")), merged.getJsonArray("servers"));
        assertEquals(Set.of("Problem", "CustomerView"), merged.getJsonObject("components").getJsonObject("schemas")
                .fieldNames());
        assertEquals("object", merged.getJsonObject("components").getJsonObject("schemas").getJsonObject("Problem")
                .getString("type"));
        assertTrue(merged.getJsonObject("info").getString("description").contains("[analytics-service]"));
        assertEquals(new JsonObject().put("name", "Proprietary").put("identifier", "LicenseRef-Proprietary"),
                merged.getJsonObject("info").getJsonObject("license"));
        assertEquals(Set.of("apiKey", "bearer"), merged.getJsonObject("components").getJsonObject("securitySchemes")
                .fieldNames());
        assertTrue(CUSTOMERS.getJsonObject("paths").getJsonObject("/customers/{id}").getJsonObject("get")
                .getJsonArray("parameters").size() == 4, "the service's document is not changed");
    }

    @Test
    void twoServicesNamingDifferentShapesAlikeKeepBothUnderDistinctNames() {
        JsonObject customers = new JsonObject("""
                {"info": {"title": "customer-service"},
                 "paths": {"/customers": {"get": {"responses": {"200": {"content": {"application/json":
                     {"schema": {"$ref": "#/components/schemas/Page"}}}}}}}},
                 "components": {"schemas": {"Type": {"enum": ["EMAIL", "PHONE"]},
                     "Page": {"properties": {"type": {"$ref": "#/components/schemas/Type"}}},
                     "Problem": {"type": "object"}}}}""");
        JsonObject complaints = new JsonObject("""
                {"info": {"title": "complaint-service"},
                 "paths": {"/complaints": {"get": {"responses": {"200": {"content": {"application/json":
                     {"schema": {"$ref": "#/components/schemas/Page"}}}}}}}},
                 "components": {"schemas": {"Type": {"enum": ["NOTE", "CALL"]},
                     "Page": {"properties": {"type": {"$ref": "#/components/schemas/Type"}}},
                     "Problem": {"type": "object"}}}}""");

        JsonObject merged = PublicApiDocument.merge(List.of(customers, complaints), List.of(), "/", "Apache-2.0");

        JsonObject schemas = merged.getJsonObject("components").getJsonObject("schemas");
        assertEquals(Set.of("Type", "Page", "Problem", "ComplaintServiceType", "ComplaintServicePage"),
                schemas.fieldNames(), "Page is the same text but refers to another Type: renamed too; Problem is one");
        assertEquals(new JsonArray().add("NOTE").add("CALL"), schemas.getJsonObject("ComplaintServiceType")
                .getJsonArray("enum"));
        assertEquals("#/components/schemas/ComplaintServiceType", schemas.getJsonObject("ComplaintServicePage")
                .getJsonObject("properties").getJsonObject("type").getString("$ref"));
        assertEquals("#/components/schemas/Type", schemas.getJsonObject("Page").getJsonObject("properties")
                .getJsonObject("type").getString("$ref"));
        assertEquals("#/components/schemas/ComplaintServicePage", merged.getJsonObject("paths")
                .getJsonObject("/api/complaints").getJsonObject("get").getJsonObject("responses").getJsonObject("200")
                .getJsonObject("content").getJsonObject("application/json").getJsonObject("schema").getString("$ref"));
    }
}
