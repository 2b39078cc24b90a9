package io.crmsuite.gateway.auth;

import java.util.Map;
import java.util.Set;

import io.vertx.core.http.HttpMethod;

/**
 * Who may do what, by role: {@code call-center} creates, reads and handles complaints and looks customers up;
 * {@code bi} reads analytics; {@code internal} reads and writes customers and complaints; {@code admin} all.
 * {@code call-center}, {@code internal} and {@code admin} manage webhook subscriptions: which ones is
 * webhook-service's decision (each client its own, an admin every client's), from X-Client-Id and X-Client-Roles.
 */
public final class Access {

    private static final Set<HttpMethod> READ = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Set<HttpMethod> ANY = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    /** role -> route -> methods allowed. */
    private static final Map<String, Map<String, Set<HttpMethod>>> RULES = Map.of(
            "call-center", Map.of("complaints", ANY, "customers", READ, "webhooks", ANY),
            "bi", Map.of("analytics", READ),
            "internal", Map.of("customers", ANY, "complaints", ANY, "webhooks", ANY),
            "admin", Map.of("customers", ANY, "complaints", ANY, "analytics", ANY, "webhooks", ANY));

    private Access() {
    }

    public static boolean allows(Client client, String route, HttpMethod method) {
        for (String role : client.roles()) { // a loop, not a stream: this runs for every request
            if (RULES.getOrDefault(role, Map.of()).getOrDefault(route, Set.of()).contains(method)) {
                return true;
            }
        }
        return false;
    }

    public static Set<String> roles() {
        return RULES.keySet();
    }
}
