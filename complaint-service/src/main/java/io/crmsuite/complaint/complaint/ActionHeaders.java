package io.crmsuite.complaint.complaint;

import io.crmsuite.complaint.handling.ActionRequests;
import io.crmsuite.complaint.handling.Precondition;
import io.crmsuite.platform.http.Caller;
import io.crmsuite.platform.problem.ProblemException;
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

    /**
     * The authenticated client, and the agent's name from the body's {@code actor} or else X-Actor. X-Actor is bounded
     * as the body's field is, and refused even when the body's wins: it is stored as the agent otherwise.
     */
    Caller caller(String bodyActor) {
        if (actor != null && actor.length() > ActionRequests.MAX_ACTOR) {
            throw ProblemException.badField("X-Actor", "must be at most " + ActionRequests.MAX_ACTOR + " characters");
        }
        return Caller.of(clientId, actor, bodyActor);
    }

    Precondition precondition(Object body, Caller caller) {
        return Precondition.of(ifMatch, idempotencyKey, body, caller);
    }
}
