package io.crmsuite.webhook.outbound;

import java.time.Duration;

/**
 * What one attempt came to. {@code statusCode} and {@code response} (the start of the answer's body) are set when
 * the receiver answered; {@code error} says what went wrong otherwise; {@code retryAfter} is the receiver's
 * Retry-After, when it sent one.
 */
public record AttemptResult(Outcome outcome, Integer statusCode, String response, String error, Duration retryAfter) {

    public enum Outcome {
        /** 2xx: delivered. */
        DELIVERED,
        /** Another status: retried (a 3xx too: redirects are not followed). */
        REJECTED,
        /** 410 Gone: the receiver wants no more webhooks; the subscription is disabled. */
        GONE,
        /** No complete answer within the attempt's time. */
        TIMEOUT,
        /** No connection, a reset, a TLS failure. */
        UNREACHABLE,
        /** The URL may not be called (now resolves to a private address, plain http not allowed): not sent. */
        REFUSED
    }

    public boolean delivered() {
        return outcome == Outcome.DELIVERED;
    }

    static AttemptResult failed(Outcome outcome, String error) {
        return new AttemptResult(outcome, null, null, error, null);
    }

    /** One line for logs and the delivery's {@code lastError}. */
    public String describe() {
        return statusCode != null ? "HTTP " + statusCode : outcome.name().toLowerCase(java.util.Locale.ROOT) + ": " + error;
    }
}
