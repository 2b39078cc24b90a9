package io.crmsuite.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpMethod;

class RetryRuleTest {

    @Test
    void readsAlwaysMoveOnToAnotherReplica() {
        assertTrue(RetryRule.mayTryAnotherReplica(HttpMethod.GET, null));
        assertTrue(RetryRule.mayTryAnotherReplica(HttpMethod.HEAD, null));
    }

    @Test
    void aPostMovesOnOnlyWithAnIdempotencyKey() {
        assertTrue(RetryRule.mayTryAnotherReplica(HttpMethod.POST, "k-1"));
        assertFalse(RetryRule.mayTryAnotherReplica(HttpMethod.POST, null));
        assertFalse(RetryRule.mayTryAnotherReplica(HttpMethod.POST, " "));
    }

    @Test
    void otherWritesNeverMoveOn() {
        for (HttpMethod method : new HttpMethod[] { HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE }) {
            assertFalse(RetryRule.mayTryAnotherReplica(method, "k-1"), method.name());
        }
    }
}
