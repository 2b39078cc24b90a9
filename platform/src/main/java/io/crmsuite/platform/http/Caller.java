package io.crmsuite.platform.http;

/**
 * Who sends a request: {@code client}, the authenticated client the gateway names in {@code X-Client-Id} (it always
 * sets it and never passes on a client's own), and {@code agent}, a person's name the client may give ({@code X-Actor}
 * or an {@code actor} field), shown but never trusted. A request that did not come through the gateway has no
 * authenticated client: it is {@code direct}.
 */
public record Caller(String client, String agent) {

    public static final String DIRECT = "direct";

    /** From the headers (and a body's {@code actor} field, which wins over {@code X-Actor}). */
    public static Caller of(String clientIdHeader, String actorHeader, String bodyActor) {
        String client = clientIdHeader == null || clientIdHeader.isBlank() ? DIRECT : clientIdHeader.trim();
        String agent = bodyActor != null && !bodyActor.isBlank() ? bodyActor.trim()
                : actorHeader != null && !actorHeader.isBlank() ? actorHeader.trim() : null;
        return new Caller(client, agent);
    }

    /** The service itself acting (the SLA monitor, customer matching): no agent. */
    public static Caller system(String name) {
        return new Caller(name, null);
    }

    /**
     * An Idempotency-Key as the client's own: the same key from two clients names two requests. Null stays null.
     */
    public String scope(String idempotencyKey) {
        return idempotencyKey == null ? null : client + "|" + idempotencyKey;
    }
}
