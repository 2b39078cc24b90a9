package io.crmsuite.complaint.complaint;

import io.crmsuite.complaint.handling.Precondition;
import io.crmsuite.platform.http.Caller;
import jakarta.ws.rs.HeaderParam;

/** The headers every write reads: who sends it (X-Client-Id, X-Actor) and its preconditions (If-Match, key). */
public class ActionHeaders {

    @HeaderParam("X-Client-Id")
    String clientId;
    @HeaderParam("X-Actor")
    String actor;
    @HeaderParam("If-Match")
    String ifMatch;
    @HeaderParam("Idempotency-Key")
    String idempotencyKey;

    /** The authenticated client, and the agent's name from the body's {@code actor} or else X-Actor. */
    Caller caller(String bodyActor) {
        return Caller.of(clientId, actor, bodyActor);
    }

    Precondition precondition(Object body, Caller caller) {
        return Precondition.of(ifMatch, idempotencyKey, body, caller);
    }
}
