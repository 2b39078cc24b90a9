package io.crmsuite.gateway.proxy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    private static final String LICENSE_REF = "LicenseRef-";

    private PublicApiDocument() {
    }

    /**
     * {@code documents}: the services' documents, in route order; {@code missing}: the services that gave none;
     * {@code publicUrl}: where clients reach the gateway; {@code license}: the SPDX identifier of the terms the API is described under.
     */
    static JsonObject merge(List<JsonObject> documents, List<String> missing, String publicUrl, String license) {
        JsonObject paths = new JsonObject();
        JsonObject schemas = new JsonObject();
        JsonArray tags = new JsonArray();
        for (JsonObject original : documents) {
            JsonObject document = withoutCollisions(original, schemas);
            document.getJsonObject("paths", new JsonObject()).forEach(p -> paths.put("/api" + p.getKey(),
                    publicPath((JsonObject) p.getValue())));
            schemasOf(document).forEach(s -> {
                if (!schemas.containsKey(s.getKey())) {
                    schemas.put(s.getKey(), s.getValue());
                }
            });
            document.getJsonArray("tags", new JsonArray()).forEach(tags::add);
        }
        return new JsonObject().put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", "CRM Suite API").put("version", "1.0.0")
                        .put("description", "Every service behind the gateway. Authenticate with "
                                + "'Authorization: ApiKey <key>' (or X-API-Key) or a bearer token. Errors are RFC 9457 "
                                + "problem documents (application/problem+json)."
                                + (missing.isEmpty() ? "" : " Missing (unreachable): " + missing))
                        .put("license", new JsonObject().put("name", license.startsWith(LICENSE_REF)
                                ? license.substring(LICENSE_REF.length()) : license).put("identifier", license)))
                .put("servers", new JsonArray().add(new JsonObject().put("url", publicUrl)
                        .put("description", "the gateway")))
                .put("tags", tags)
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

    /**
     * The services name their schemas on their own: two may call different shapes {@code Page} or {@code Type}.
     * A schema whose name is taken by a different one is renamed after its document's title
     * ({@code complaint-service} + {@code Page} = {@code ComplaintServicePage}) with every reference to it; the
     * same shape under the same name (the {@code Problem} of every service) is kept once.
     */
    static JsonObject withoutCollisions(JsonObject document, JsonObject taken) {
        String prefix = pascal(document.getJsonObject("info", new JsonObject()).getString("title", "service"));
        String text = document.encode();
        Set<String> renamed = new HashSet<>();
        // until nothing moves: renaming a schema changes the ones that refer to it, which may then collide too
        for (boolean moved = true; moved;) {
            moved = false;
            JsonObject own = schemasOf(new JsonObject(text));
            for (String name : own.fieldNames()) {
                if (!renamed.contains(name) && taken.containsKey(name) && !taken.getValue(name).equals(own.getValue(name))) {
                    text = text.replace(ref(name), ref(prefix + name));
                    renamed.add(name);
                    moved = true;
                }
            }
        }
        if (renamed.isEmpty()) {
            return document;
        }
        JsonObject result = new JsonObject(text);
        JsonObject schemas = new JsonObject();
        schemasOf(result).forEach(s -> schemas.put(renamed.contains(s.getKey()) ? prefix + s.getKey() : s.getKey(),
                s.getValue()));
        result.getJsonObject("components").put("schemas", schemas);
        return result;
    }

    private static JsonObject schemasOf(JsonObject document) {
        return document.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject());
    }

    private static String ref(String schema) {
        return "\"#/components/schemas/" + schema + "\"";
    }

    private static String pascal(String title) {
        StringBuilder name = new StringBuilder();
        for (String word : title.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return name.toString();
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
