package io.crmsuite.gateway.proxy;

import java.net.URI;

import io.crmsuite.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/** One service behind the gateway: its address, a pooled keep-alive client and its circuit breaker. */
final class Backend {

    final String route;
    final String service;
    final String host;
    final int port;
    final long connectTimeoutMs;
    final long responseTimeoutMs;
    final HttpClient client;
    final CircuitBreaker breaker;

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
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout((int) connectTimeoutMs).setDefaultHost(host).setDefaultPort(port),
                new PoolOptions().setHttp1MaxSize(64));
        this.breaker = new CircuitBreaker(config.breakerFailures(), config.breakerOpenFor());
    }
}
