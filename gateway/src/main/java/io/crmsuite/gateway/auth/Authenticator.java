package io.crmsuite.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;

/** Finds the caller: {@code Authorization: ApiKey <key>}, {@code X-API-Key: <key>} or {@code Authorization: Bearer <jwt>}. */
@ApplicationScoped
public class Authenticator {

    private final ApiKeys apiKeys;
    private final BearerTokens bearerTokens;

    Authenticator(ApiKeys apiKeys, BearerTokens bearerTokens) {
        this.apiKeys = apiKeys;
        this.bearerTokens = bearerTokens;
    }

    /** The client, or null when no credentials were sent at all. */
    public Client authenticate(String authorization, String apiKeyHeader) throws CredentialsRefused {
        String key = apiKeyHeader;
        if (authorization != null) {
            String[] parts = authorization.trim().split("\\s+", 2);
            if (parts.length == 2 && parts[0].equalsIgnoreCase("ApiKey")) {
                key = parts[1];
            } else if (parts.length == 2 && parts[0].equalsIgnoreCase("Bearer")) {
                return bearerTokens.verify(parts[1]);
            } else {
                throw new CredentialsRefused("unsupported Authorization scheme; use ApiKey or Bearer");
            }
        }
        if (key == null) {
            return null;
        }
        return apiKeys.find(key.trim()).orElseThrow(() -> new CredentialsRefused("unknown or revoked API key"));
    }
}
