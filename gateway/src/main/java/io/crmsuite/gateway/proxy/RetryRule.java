package io.crmsuite.gateway.proxy;

import io.vertx.core.http.HttpMethod;

/**
 * Which requests move on to another replica when their connection could not be had. Nothing was sent then, so
 * no replica has seen the request; the rule still keeps to what would be harmless even if it had: reads, and
 * POSTs with an Idempotency-Key, which the services answer once and replay after. A request that went out, even
 * in part, is never sent again: the replica may be acting on it.
 */
final class RetryRule {

    private RetryRule() {
    }

    static boolean mayTryAnotherReplica(HttpMethod method, String idempotencyKey) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD
                || method == HttpMethod.POST && idempotencyKey != null && !idempotencyKey.isBlank();
    }
}
