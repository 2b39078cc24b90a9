package io.crmsuite.gateway.proxy;

import io.vertx.core.http.HttpMethod;

/**
 * Which requests move on to another replica. When their connection could not be had nothing was sent, so no
 * replica has seen the request; the rule still keeps to what would be harmless even if it had: reads, and POSTs
 * with an Idempotency-Key, which the services answer once and replay after. A request that went out is sent
 * again only when the replica closed the connection before any answer and the request is one of those (with a
 * small body the gateway kept): otherwise the replica may be acting on it.
 */
final class RetryRule {

    private RetryRule() {
    }

    static boolean mayTryAnotherReplica(HttpMethod method, String idempotencyKey) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD
                || method == HttpMethod.POST && idempotencyKey != null && !idempotencyKey.isBlank();
    }

    /** A body this small is read whole before sending, so the request can be sent again (see below). */
    static final long REPLAYABLE_BODY_BYTES = 64 * 1024;

    /**
     * Which requests may be sent again to another replica after one closed the connection before answering (a
     * replica that died with the request in flight): a GET or HEAD without a body, and a POST with an
     * Idempotency-Key whose declared body is at most {@link #REPLAYABLE_BODY_BYTES} (the gateway keeps it): a
     * second replica replays the first one's answer if it had committed, or does the work once if it had not.
     * Never after a response timeout (the replica may still be at work) and never once an answer began.
     */
    static boolean mayResendAfterCut(HttpMethod method, String idempotencyKey, String contentLength,
            String transferEncoding) {
        if (transferEncoding != null) {
            return false;
        }
        long length = contentLength == null ? 0 : parse(contentLength);
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            return length == 0;
        }
        return method == HttpMethod.POST && idempotencyKey != null && !idempotencyKey.isBlank() && length >= 0
                && length <= REPLAYABLE_BODY_BYTES;
    }

    private static long parse(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
