package io.crmsuite.gateway.proxy;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.crmsuite.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/** One service behind the gateway: its address, pooled keep-alive clients and its circuit breaker. */
final class Backend {

    final String route;
    final String service;
    final String host;
    final int port;
    final long connectTimeoutMs;
    final long responseTimeoutMs;
    final CircuitBreaker breaker;
    private final Vertx vertx;
    private final HttpClientOptions options;
    private final Map<Thread, HttpClient> clients = new ConcurrentHashMap<>();

    Backend(Vertx vertx, String route, GatewayConfig.Backend config) {
        URI uri = URI.create(config.url());
        this.route = route;
        this.service = config.service().orElse(switch (route) {
            case "customers" -> "customer-service";
            case "complaints" -> "complaint-service";
            case "analytics" -> "analytics-service";
            default -> route;
        });
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : 80;
        this.connectTimeoutMs = config.connectTimeout().toMillis();
        this.responseTimeoutMs = config.responseTimeout().toMillis();
        this.vertx = vertx;
        this.options = new HttpClientOptions().setKeepAlive(true).setConnectTimeout((int) connectTimeoutMs)
                .setDefaultHost(host).setDefaultPort(port);
        this.breaker = new CircuitBreaker(config.breakerFailures(), config.breakerOpenFor());
    }

    /**
     * The calling event loop's own pooled client: its connections live on that loop, so a proxied call and its
     * answer never hop to another thread (a shared pool hands out connections of any loop, and every answer
     * then costs a cross-thread wake-up).
     */
    HttpClient client() {
        return clients.computeIfAbsent(Thread.currentThread(),
                t -> vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(64)));
    }
}
