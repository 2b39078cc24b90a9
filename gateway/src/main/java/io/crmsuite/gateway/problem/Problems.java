package io.crmsuite.gateway.problem;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** The gateway's own answers as {@code application/problem+json} (RFC 9457), like every service's. */
public final class Problems {

    private Problems() {
    }

    public static void send(HttpServerResponse response, int status, String title, String detail) {
        send(response, status, title, detail, null);
    }

    public static void send(HttpServerResponse response, int status, String title, String detail, String service) {
        if (response.ended() || response.headWritten() || response.closed()) { // closed: the client left
            return;
        }
        JsonObject problem = new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail);
        if (service != null) {
            problem.put("service", service);
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(problem.encode());
    }
}
