package io.crmsuite.gateway.proxy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.crmsuite.gateway.auth.Access;
import io.crmsuite.gateway.auth.Authenticator;
import io.crmsuite.gateway.auth.Client;
import io.crmsuite.gateway.auth.CredentialsRefused;
import io.crmsuite.gateway.config.GatewayConfig;
import io.crmsuite.gateway.problem.Problems;
import io.crmsuite.gateway.ratelimit.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The one public entry. {@code /api/<route>/**} goes to a replica of the route's service as {@code /<route>/**}
 * ({@link ProxiedCall}), after authentication (API key or JWT), the role check and the client's rate limit. Every
 * request gets an X-Request-Id and W3C trace context, and one access-log line.
 */
@ApplicationScoped
public class GatewayRoutes {

    private static final String CHALLENGE = "ApiKey realm=\"crm-suite\", Bearer realm=\"crm-suite\"";

    private final Map<String, Backend> backends = new LinkedHashMap<>();
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final GatewayConfig config;
    private final AccessLog accessLog;

    GatewayRoutes(Vertx vertx, GatewayConfig config, Authenticator authenticator, RateLimiter rateLimiter,
            AccessLog accessLog, MeterRegistry registry) {
        this.config = config;
        this.accessLog = accessLog;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        config.backends().forEach((route, backend) -> backends.put(route, new Backend(vertx, route, backend, registry)));
    }

    /**
     * Every request passes here first, before Vert.x matches routes on its own reading of the path: the path is
     * normalised ({@link RequestPath}) and refused when a backend could read it differently; one that names
     * {@code /api} only before its dot-segments are removed is refused too, never served by another route.
     */
    void register(@Observes Router router) {
        router.route().order(-10).handler(this::route);
        // what no route serves gets problem+json like every other error, not the HTTP layer's own page
        router.errorHandler(404, ctx -> Problems.send(ctx.response(), 404, "Not Found", "nothing is served at "
                + ctx.request().path() + "; the API is under /api (routes " + routeList() + ")"));
        router.errorHandler(405, ctx -> Problems.send(ctx.response(), 405, "Method Not Allowed",
                ctx.request().method() + " is not allowed on " + ctx.request().path()));
    }

    private String routeList() {
        return String.join(", ", backends.keySet().stream().map(route -> "/api/" + route).toList());
    }

    void route(RoutingContext ctx) {
        String raw = ctx.request().path();
        String path;
        try {
            path = RequestPath.normalize(raw);
        } catch (RequestPath.Refused e) {
            Problems.send(ctx.response(), 400, "Bad Request", e.getMessage());
            return;
        }
        boolean api = path.equals("/api") || path.startsWith("/api/");
        if (!api && (raw.equals("/api") || raw.startsWith("/api/"))) {
            Problems.send(ctx.response(), 400, "Bad Request", "the path leaves /api once its dot-segments are "
                    + "removed: " + path);
        } else if (!api || path.equals(OpenApiAggregate.PATH)) {
            ctx.next(); // the gateway's own endpoints
        } else {
            handle(ctx, path);
        }
    }

    void handle(RoutingContext ctx, String path) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        long started = System.nanoTime();
        String clientsId = request.getHeader("X-Request-Id");
        String requestId = HeaderCheck.isRequestId(clientsId) ? clientsId : newRequestId();
        response.putHeader("X-Request-Id", requestId);
        String[] access = { "-", "-" }; // client, route for the access log
        if (accessLog.enabled()) {
            response.endHandler(v -> accessLog.add(accessLine(request, response, started, access, requestId)));
        }

        String routeName = routeOf(path);
        Backend backend = routeName == null ? null : backends.get(routeName);
        if (backend == null) {
            Problems.send(response, 404, "Not Found", "no route for " + path + "; routes are " + routeList());
            return;
        }
        access[1] = routeName;
        String badHeader = HeaderCheck.withControlCharacter(request.headers());
        if (badHeader != null) {
            Problems.send(response, 400, "Bad Request", "the header " + badHeader + " holds a control character");
            return;
        }
        Client client;
        try {
            client = authenticator.authenticate(request.getHeader("Authorization"), request.getHeader("X-API-Key"));
        } catch (CredentialsRefused e) {
            response.putHeader("WWW-Authenticate", CHALLENGE);
            Problems.send(response, 401, "Unauthorized", e.getMessage());
            return;
        }
        if (client == null) {
            response.putHeader("WWW-Authenticate", CHALLENGE);
            Problems.send(response, 401, "Unauthorized", "send an API key (Authorization: ApiKey <key>, or X-API-Key) "
                    + "or a bearer token");
            return;
        }
        access[0] = client.name();
        if (!Access.allows(client, routeName, request.method())) {
            Problems.send(response, 403, "Forbidden", "client '" + client.name() + "' with roles " + client.roles()
                    + " may not " + request.method() + " /api/" + routeName);
            return;
        }
        RateLimiter.Decision limit = rateLimiter.take(client);
        response.putHeader("RateLimit-Policy", "\"client\";q=" + limit.limit() + ";w=" + (long) Math.ceil(limit.windowSeconds()));
        response.putHeader("RateLimit", "\"client\";r=" + limit.remaining() + ";t=" + (long) Math.ceil(limit.retryAfterSeconds()));
        if (!limit.allowed()) {
            response.putHeader("Retry-After", String.valueOf((long) Math.ceil(limit.retryAfterSeconds())));
            Problems.send(response, 429, "Too Many Requests", "client '" + client.name() + "' sends more than its "
                    + "limit; retry after the time in Retry-After");
            return;
        }
        String declared = request.getHeader("Content-Length");
        if (declared != null && parseLong(declared) > config.maxBodyBytes()) {
            Problems.send(response, 413, "Content Too Large", "the body may be at most " + config.maxBodyBytes() + " bytes");
            return;
        }
        long now = System.nanoTime();
        Replica replica = backend.choose(now, List.of());
        if (replica == null) {
            response.putHeader("Retry-After", String.valueOf(backend.retryAfterSeconds(now)));
            Problems.send(response, 503, "Service Unavailable", backend.service + " is failing; the gateway stops "
                    + "calling it for a while (circuit breaker open" + (backend.replicas().size() > 1
                            ? " for every replica)" : ")"), backend.service);
            return;
        }
        String query = request.query();
        String target = path.substring("/api".length()) + (query == null ? "" : "?" + query);
        new ProxiedCall(request, response, backend, client, requestId, target, config.maxBodyBytes()).start(replica);
    }

    /** Built by hand rather than with a format string: it is written for every request. */
    private static String accessLine(HttpServerRequest request, HttpServerResponse response, long started,
            String[] access, String requestId) {
        long tenthsOfMs = (System.nanoTime() - started) / 100_000;
        return new StringBuilder(160).append(request.remoteAddress() == null ? "-" : request.remoteAddress().host())
                .append(' ').append(request.method()).append(' ').append(request.path()).append(' ')
                .append(response.getStatusCode()).append(' ').append(tenthsOfMs / 10).append('.').append(tenthsOfMs % 10)
                .append("ms client=").append(access[0]).append(" route=").append(access[1]).append(" id=")
                .append(requestId).toString();
    }

    static String routeOf(String path) {
        if (!path.startsWith("/api/")) {
            return null;
        }
        String rest = path.substring(5);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong() & 0xffffffffffff0fffL | 0x4000L,
                random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString();
    }

    Map<String, Backend> backends() {
        return backends;
    }
}
