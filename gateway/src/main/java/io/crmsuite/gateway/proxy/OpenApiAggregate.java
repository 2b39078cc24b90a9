package io.crmsuite.gateway.proxy;

import java.util.ArrayList;
import java.util.List;

import io.crmsuite.gateway.problem.Problems;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code GET /api/openapi}: one OpenAPI document for the public API, merged from the services' own documents
 * with their paths as the gateway exposes them ({@code /customers} becomes {@code /api/customers}).
 */
@ApplicationScoped
public class OpenApiAggregate {

    private final GatewayRoutes routes;

    OpenApiAggregate(GatewayRoutes routes) {
        this.routes = routes;
    }

    static final String PATH = "/api/openapi";

    void register(@Observes Router router) {
        router.get(PATH).order(-1).handler(this::merged);
    }

    void merged(RoutingContext ctx) {
        List<Future<JsonObject>> documents = new ArrayList<>();
        for (Backend backend : routes.backends().values()) {
            documents.add(document(backend));
        }
        Future.join(documents).onComplete(done -> {
            JsonObject paths = new JsonObject();
            JsonObject schemas = new JsonObject();
            List<String> missing = new ArrayList<>();
            int i = 0;
            for (Backend backend : routes.backends().values()) {
                Future<JsonObject> doc = documents.get(i++);
                if (doc.failed()) {
                    missing.add(backend.service);
                    continue;
                }
                doc.result().getJsonObject("paths", new JsonObject())
                        .forEach(p -> paths.put("/api" + p.getKey(), p.getValue()));
                JsonObject components = doc.result().getJsonObject("components", new JsonObject());
                components.getJsonObject("schemas", new JsonObject()).forEach(s -> {
                    if (!schemas.containsKey(s.getKey())) {
                        schemas.put(s.getKey(), s.getValue());
                    }
                });
            }
            if (paths.isEmpty()) {
                Problems.send(ctx.response(), 502, "Bad Gateway", "no service answered with its OpenAPI document");
                return;
            }
            JsonObject merged = new JsonObject().put("openapi", "3.1.0")
                    .put("info", new JsonObject().put("title", "CRM Suite API").put("version", "1.0.0")
                            .put("description", "Every service behind the gateway. Authenticate with "
                                    + "'Authorization: ApiKey <key>' or a bearer token."
                                    + (missing.isEmpty() ? "" : " Missing (unreachable): " + missing)))
                    .put("paths", paths).put("components", new JsonObject().put("schemas", schemas)
                            .put("securitySchemes", new JsonObject()
                                    .put("apiKey", new JsonObject().put("type", "apiKey").put("in", "header")
                                            .put("name", "X-API-Key"))
                                    .put("bearer", new JsonObject().put("type", "http").put("scheme", "bearer"))))
                    .put("security", new io.vertx.core.json.JsonArray().add(new JsonObject().put("apiKey",
                            new io.vertx.core.json.JsonArray())).add(new JsonObject().put("bearer",
                                    new io.vertx.core.json.JsonArray())));
            ctx.response().putHeader("Content-Type", "application/json").end(merged.encode());
        });
    }

    /** The document of the first replica that gives one: the replicas of a service run the same version. */
    private static Future<JsonObject> document(Backend backend) {
        Future<JsonObject> document = Future.failedFuture("no replica of " + backend.service + " answered");
        for (Replica replica : backend.replicas()) {
            document = document.recover(failure -> {
                RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(replica.url.host())
                        .setPort(replica.url.port()).setURI("/q/openapi?format=json")
                        .setIdleTimeout(backend.responseTimeoutMs);
                return replica.client().request(options).compose(r -> r.send().compose(a -> a.statusCode() == 200
                        ? a.body() : Future.failedFuture(replica + " answered " + a.statusCode())))
                        .map(Buffer::toJsonObject);
            });
        }
        return document;
    }
}
