package io.crmsuite.gateway.proxy;

import java.util.ArrayList;
import java.util.List;

import io.crmsuite.gateway.config.GatewayConfig;
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
    private final String publicUrl;
    private final String license;

    OpenApiAggregate(GatewayRoutes routes, GatewayConfig config) {
        this.routes = routes;
        this.publicUrl = config.publicUrl();
        this.license = config.apiLicense();
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
            List<JsonObject> answered = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            int i = 0;
            for (Backend backend : routes.backends().values()) {
                Future<JsonObject> doc = documents.get(i++);
                if (doc.succeeded()) {
                    answered.add(doc.result());
                } else {
                    missing.add(backend.service);
                }
            }
            if (answered.isEmpty()) {
                Problems.send(ctx.response(), 502, "Bad Gateway", "no service answered with its OpenAPI document");
                return;
            }
            ctx.response().putHeader("Content-Type", "application/json")
                    .end(PublicApiDocument.merge(answered, missing, publicUrl, license).encode());
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
