package io.crmsuite.gateway.auth;

import jakarta.inject.Singleton;

/** Finds the caller: {@code Authorization: ApiKey <key>}, {@code X-API-Key: <key>} or {@code Authorization: Bearer <jwt>}. */
@Singleton
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
            // scheme, whitespace, credentials: split by hand, this runs on every request
            String value = authorization.trim();
            int space = 0;
            while (space < value.length() && !Character.isWhitespace(value.charAt(space))) {
                space++;
            }
            String scheme = value.substring(0, space);
            String credentials = value.substring(space).trim();
            if (credentials.isEmpty()) {
                throw new CredentialsRefused("unsupported Authorization scheme; use ApiKey or Bearer");
            } else if (scheme.equalsIgnoreCase("ApiKey")) {
                key = credentials;
            } else if (scheme.equalsIgnoreCase("Bearer")) {
                return bearerTokens.verify(credentials);
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
