package io.crmsuite.webhook.subscription;

import java.util.Arrays;

import io.crmsuite.platform.http.Caller;

/**
 * Who asks: the client the gateway authenticated ({@code X-Client-Id}, {@link Caller#DIRECT} for a call that did
 * not come through it) and whether it holds the {@code admin} role ({@code X-Client-Roles}, set by the gateway
 * alone). A client manages its own subscriptions; an admin manages everyone's.
 */
public record Requester(String client, boolean admin) {

    public static final String ADMIN_ROLE = "admin";

    public static Requester of(String clientIdHeader, String rolesHeader) {
        String client = Caller.of(clientIdHeader, null, null).client();
        boolean admin = rolesHeader != null
                && Arrays.stream(rolesHeader.split(",")).map(String::trim).anyMatch(ADMIN_ROLE::equals);
        return new Requester(client, admin);
    }

    /** Whether this requester may see and change a subscription of {@code owner}. */
    public boolean mayManage(String owner) {
        return admin || client.equals(owner);
    }
}
