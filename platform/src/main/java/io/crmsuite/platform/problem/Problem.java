package io.crmsuite.platform.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem document. {@code field} names the offending input (a JSON path such as
 * {@code contactMethods[0].value}); {@code errors} lists every invalid field when there are several.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field, List<FieldError> errors,
        List<String> allowedActions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    /** One invalid field and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null, null);
    }

    public static Problem ofField(int status, String field, String detail) {
        return new Problem("about:blank", titleOf(status), status, detail, field, List.of(new FieldError(field, detail)),
                null);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA).entity(this).build();
    }

    static String titleOf(int status) {
        if (status == 422) {
            // Jakarta REST's Status has no 422; RFC 9110 (section 15.5.21) names it so
            return "Unprocessable Content";
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "HTTP " + status;
    }
}
