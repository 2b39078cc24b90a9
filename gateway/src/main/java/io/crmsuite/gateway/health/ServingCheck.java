package io.crmsuite.gateway.health;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.crmsuite.gateway.config.GatewayConfig;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What this gateway instance needs to serve: a way to authenticate clients (the API key file it can read, or
 * bearer tokens configured: an issuer, and a PEM key or a JWKS URL). In the {@code serving} group a load balancer asks; the services behind it are in
 * {@code /q/health/ready} only, so one service down does not take the whole API out.
 */
@Readiness
@HealthGroup("serving")
@ApplicationScoped
public class ServingCheck implements HealthCheck {

    private final GatewayConfig config;

    ServingCheck(GatewayConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        boolean keys = Files.isReadable(Path.of(config.apiKeysFile()));
        boolean tokens = config.jwt().issuer().isPresent()
                && (config.jwt().publicKeyLocation().isPresent() || config.jwt().jwksUrl().isPresent());
        return HealthCheckResponse.named("authentication").status(keys || tokens).withData("apiKeysFile", keys)
                .withData("bearerTokens", tokens).build();
    }
}
