package io.crmsuite.complaint.handling;

import io.crmsuite.platform.http.Caller;
import io.crmsuite.platform.http.Fingerprint;

/**
 * What a handling request asks to be checked before it acts: {@code If-Match} (the revision it was based on) and
 * {@code Idempotency-Key} (a retry of an action already done is answered, not done again).
 */
public record Precondition(String ifMatch, String idempotencyKey, String fingerprint) {

    /** The key is the caller's own: the same key from another client names another request. */
    public static Precondition of(String ifMatch, String idempotencyKey, Object body, Caller caller) {
        String key = caller.scope(Fingerprint.checkedKey(idempotencyKey));
        return new Precondition(ifMatch, key, key == null ? null : Fingerprint.of(body));
    }
}
