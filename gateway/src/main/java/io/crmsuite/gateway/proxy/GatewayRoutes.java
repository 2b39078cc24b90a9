package io.crmsuite.gateway.proxy;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.crmsuite.gateway.auth.Access;
import io.crmsuite.gateway.auth.Authenticator;
import io.crmsuite.gateway.auth.Client;
import io.crmsuite.gateway.auth.CredentialsRefused;
import io.crmsuite.gateway.config.GatewayConfig;
import io.crmsuite.gateway.problem.Problems;
import io.crmsuite.gateway.ratelimit.RateLimiter;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The one public entry. {@code /api/<route>/**} goes to the route's service as {@code /<route>/**}, after
 * authentication (API key or JWT), the role check and the client's rate limit; bodies are streamed both ways,
 * never buffered. Every request gets an X-Request-Id and W3C trace context, and one access-log line.
 */
@ApplicationScoped
public class GatewayRoutes {

    private static final Logger LOG = Logger.getLogger(GatewayRoutes.class);
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length");
    private static final Set<String> CREDENTIALS = Set.of("authorization", "x-api-key");
    private static final String CHALLENGE = "ApiKey realm=\"crm-suite\", Bearer realm=\"crm-suite\"";

    private final Map<String, Backend> backends = new LinkedHashMap<>();
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final GatewayConfig config;
    private final AccessLog accessLog;

    GatewayRoutes(Vertx vertx, GatewayConfig config, Authenticator authenticator, RateLimiter rateLimiter,
            AccessLog accessLog) {
        this.config = config;
        this.accessLog = accessLog;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        config.backends().forEach((route, backend) -> backends.put(route, new Backend(vertx, route, backend)));
    }

    void register(@Observes Router router) {
        router.route("/api/*").handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        long started = System.nanoTime();
        String requestId = headerOr(request, "X-Request-Id", GatewayRoutes::newRequestId);
        response.putHeader("X-Request-Id", requestId);
        String[] access = { "-", "-" }; // client, route for the access log
        if (accessLog.enabled()) {
            response.endHandler(v -> accessLog.add(accessLine(request, response, started, access, requestId)));
        }

        String path = request.path();
        String routeName = routeOf(path);
        Backend backend = routeName == null ? null : backends.get(routeName);
        if (backend == null) {
            Problems.send(response, 404, "Not Found", "no route for " + path + "; routes are /api/customers, "
                    + "/api/complaints and /api/analytics");
            return;
        }
        access[1] = routeName;
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
        if (!backend.breaker.allowRequest(now)) {
            response.putHeader("Retry-After", String.valueOf(backend.breaker.retryAfterSeconds(now)));
            Problems.send(response, 503, "Service Unavailable", backend.service + " is failing; the gateway stops "
                    + "calling it for a while (circuit breaker open)", backend.service);
            return;
        }
        forward(ctx, backend, client, requestId, true);
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

    private void forward(RoutingContext ctx, Backend backend, Client client, String requestId, boolean firstAttempt) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        request.pause();
        RequestOptions options = new RequestOptions().setMethod(request.method()).setHost(backend.host)
                .setPort(backend.port).setURI(request.uri().substring("/api".length()))
                .setConnectTimeout(backend.connectTimeoutMs).setIdleTimeout(backend.responseTimeoutMs);
        MultiMap headers = options.getHeaders() == null ? MultiMap.caseInsensitiveMultiMap() : options.getHeaders();
        request.headers().forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !CREDENTIALS.contains(name)) {
                headers.add(h.getKey(), h.getValue());
            }
        });
        headers.set("X-Request-Id", requestId);
        headers.set("X-Client-Id", client.name());
        if (!headers.contains("X-Actor")) {
            headers.set("X-Actor", client.name());
        }
        if (!headers.contains("traceparent")) {
            headers.set("traceparent", "00-" + hex(16) + "-" + hex(8) + "-01");
        }
        headers.set("X-Forwarded-Proto", request.scheme());
        if (request.authority() != null) {
            headers.set("X-Forwarded-Host", request.authority().toString());
        }
        if (request.remoteAddress() != null) {
            headers.add("X-Forwarded-For", request.remoteAddress().host());
        }
        options.setHeaders(headers);
        backend.client().request(options).compose(outgoing -> {
            String length = request.getHeader("Content-Length");
            if (length != null) {
                outgoing.putHeader("Content-Length", length);
            } else if (request.method() == HttpMethod.POST || request.method() == HttpMethod.PUT
                    || request.method() == HttpMethod.PATCH) {
                outgoing.setChunked(true);
            }
            return outgoing.send(request);
        }).onSuccess(answer -> relay(answer, response, backend, requestId)).onFailure(failure -> {
            backend.breaker.failure(System.nanoTime());
            boolean safe = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
            if (firstAttempt && safe && isConnectFailure(failure) && !response.headWritten()) {
                forward(ctx, backend, client, requestId, false); // one retry, only for safe methods
                return;
            }
            if (failure instanceof TimeoutException || String.valueOf(failure.getMessage()).contains("timeout")) {
                Problems.send(response, 504, "Gateway Timeout", backend.service + " did not answer within "
                        + backend.responseTimeoutMs + " ms", backend.service);
            } else {
                Problems.send(response, 502, "Bad Gateway", backend.service + " could not be reached: "
                        + failure.getClass().getSimpleName(), backend.service);
            }
        });
    }

    private void relay(HttpClientResponse answer, HttpServerResponse response, Backend backend, String requestId) {
        if (answer.statusCode() >= 500) {
            backend.breaker.failure(System.nanoTime());
        } else {
            backend.breaker.success();
        }
        response.setStatusCode(answer.statusCode());
        answer.headers().forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("location")) {
                response.putHeader("Location", publicLocation(h.getValue()));
            } else if (!HOP_BY_HOP.contains(name) || name.equals("content-length")) {
                response.putHeader(h.getKey(), h.getValue());
            }
        });
        if (answer.getHeader("Content-Length") == null) {
            response.setChunked(true);
        }
        // a client gone mid-answer fails the pipe's write: ending the response then would throw, so the pipe
        // does not end it; a backend failing mid-body resets the client's connection, so that a cut body is
        // never taken for a whole one. The debug line says a request ended this way (tests wait for it).
        answer.pipe().endOnFailure(false).to(response).onFailure(e -> {
            LOG.debugf("request %s: the answer of %s was not relayed whole (%s)", requestId, backend.service, e);
            response.reset();
        });
    }

    /** A service's Location ({@code http://svc:8082/complaints/1} or {@code /complaints/1}) as the public path. */
    static String publicLocation(String location) {
        String path = location;
        if (location.startsWith("http://") || location.startsWith("https://")) {
            int slash = location.indexOf('/', location.indexOf("//") + 2);
            path = slash < 0 ? "/" : location.substring(slash);
        }
        return path.startsWith("/api/") ? path : "/api" + path;
    }

    static String routeOf(String path) {
        if (!path.startsWith("/api/")) {
            return null;
        }
        String rest = path.substring(5);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static boolean isConnectFailure(Throwable failure) {
        return failure instanceof java.net.ConnectException
                || failure.getClass().getSimpleName().contains("Connect");
    }

    private static String headerOr(HttpServerRequest request, String name, java.util.function.Supplier<String> fallback) {
        String value = request.getHeader(name);
        return value == null || value.isBlank() || value.length() > 200 ? fallback.get() : value;
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Ids need to be unique, not secret: a fast random source, not SecureRandom, on the hot path. */
    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
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
