package io.crmsuite.gateway.proxy;

import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The public API as one OpenAPI document, built from the services' own: their paths as the gateway exposes them
 * ({@code /customers} becomes {@code /api/customers}), the answers the gateway itself gives on every operation
 * (401, 403, 429, 502, 504, each a problem document), the credentials it takes, and where to reach it. The
 * headers the gateway sets for the services ({@code X-Client-Id}, {@code X-Client-Roles}) are not the client's
 * to send, so they are left out.
 */
final class PublicApiDocument {

    /** Set by the gateway, replaced if a client sends them: never part of the public contract. */
    private static final List<String> GATEWAY_HEADERS = List.of("x-client-id", "x-client-roles");
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final Map<String, String> GATEWAY_ANSWERS = Map.of(
            "401", "No credentials, or credentials the gateway does not accept (WWW-Authenticate says which)",
            "403", "The client's roles do not allow this method on this route",
            "429", "The client sent more than its rate limit; retry after the seconds in Retry-After",
            "502", "The service behind could not be reached, or closed the connection before answering",
            "504", "The service behind did not answer in time");

    private PublicApiDocument() {
    }

    /**
     * {@code documents}: the services' documents, in route order; {@code missing}: the services that gave none;
     * {@code publicUrl}: where clients reach the gateway; {@code license}: the terms the API is described under.
     */
    static JsonObject merge(List<JsonObject> documents, List<String> missing, String publicUrl, String license) {
        JsonObject paths = new JsonObject();
        JsonObject schemas = new JsonObject();
        for (JsonObject document : documents) {
            document.getJsonObject("paths", new JsonObject()).forEach(p -> paths.put("/api" + p.getKey(),
                    publicPath((JsonObject) p.getValue())));
            JsonObject components = document.getJsonObject("components", new JsonObject());
            components.getJsonObject("schemas", new JsonObject()).forEach(s -> {
                if (!schemas.containsKey(s.getKey())) {
                    schemas.put(s.getKey(), s.getValue());
                }
            });
        }
        return new JsonObject().put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", "CRM Suite API").put("version", "1.0.0")
                        .put("description", "Every service behind the gateway. Authenticate with "
                                + "'Authorization: ApiKey <key>' (or X-API-Key) or a bearer token. Errors are RFC 9457 "
                                + "problem documents (application/problem+json)."
                                + (missing.isEmpty() ? "" : " Missing (unreachable): " + missing))
                        .put("license", new JsonObject().put("name", license)))
                .put("servers", new JsonArray().add(new JsonObject().put("url", publicUrl)
                        .put("description", "the gateway")))
                .put("paths", paths)
                .put("components", new JsonObject().put("schemas", schemas)
                        .put("securitySchemes", new JsonObject()
                                .put("apiKey", new JsonObject().put("type", "apiKey").put("in", "header")
                                        .put("name", "X-API-Key"))
                                .put("bearer", new JsonObject().put("type", "http").put("scheme", "bearer")
                                        .put("bearerFormat", "JWT"))))
                .put("security", new JsonArray().add(new JsonObject().put("apiKey", new JsonArray()))
                        .add(new JsonObject().put("bearer", new JsonArray())));
    }

    private static JsonObject publicPath(JsonObject item) {
        JsonObject copy = item.copy();
        for (String method : METHODS) {
            JsonObject operation = copy.getJsonObject(method);
            if (operation == null) {
                continue;
            }
            JsonArray parameters = operation.getJsonArray("parameters");
            if (parameters != null) {
                JsonArray kept = new JsonArray();
                parameters.forEach(p -> {
                    JsonObject parameter = (JsonObject) p;
                    if (!("header".equals(parameter.getString("in"))
                            && GATEWAY_HEADERS.contains(String.valueOf(parameter.getString("name")).toLowerCase(
                                    java.util.Locale.ROOT)))) {
                        kept.add(parameter);
                    }
                });
                operation.put("parameters", kept);
            }
            JsonObject responses = operation.getJsonObject("responses");
            if (responses == null) {
                responses = new JsonObject();
                operation.put("responses", responses);
            }
            for (Map.Entry<String, String> answer : GATEWAY_ANSWERS.entrySet()) {
                if (!responses.containsKey(answer.getKey())) {
                    responses.put(answer.getKey(), new JsonObject().put("description", answer.getValue())
                            .put("content", new JsonObject().put("application/problem+json", new JsonObject()
                                    .put("schema", new JsonObject().put("$ref", "#/components/schemas/Problem")))));
                }
            }
        }
        return copy;
    }
}
