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

    @Test
    void afterACutOnlyABodilessReadOrAKeyedPostWithASmallDeclaredBodyIsSentAgain() {
        assertTrue(RetryRule.mayResendAfterCut(HttpMethod.GET, null, null, null));
        assertTrue(RetryRule.mayResendAfterCut(HttpMethod.HEAD, null, "0", null));
        assertFalse(RetryRule.mayResendAfterCut(HttpMethod.GET, null, "12", null), "a GET with a body is streamed");
        assertTrue(RetryRule.mayResendAfterCut(HttpMethod.POST, "k-1", "65536", null));
        assertTrue(RetryRule.mayResendAfterCut(HttpMethod.POST, "k-1", null, null), "no body at all");
        assertFalse(RetryRule.mayResendAfterCut(HttpMethod.POST, "k-1", "65537", null), "too large to keep");
        assertFalse(RetryRule.mayResendAfterCut(HttpMethod.POST, "k-1", "12", "chunked"), "length unknown");
        assertFalse(RetryRule.mayResendAfterCut(HttpMethod.POST, "k-1", "twelve", null));
        assertFalse(RetryRule.mayResendAfterCut(HttpMethod.POST, null, "12", null));
        assertFalse(RetryRule.mayResendAfterCut(HttpMethod.POST, " ", "12", null));
        assertFalse(RetryRule.mayResendAfterCut(HttpMethod.PUT, "k-1", "12", null));
        assertFalse(RetryRule.mayResendAfterCut(HttpMethod.DELETE, "k-1", null, null));
    }
}
