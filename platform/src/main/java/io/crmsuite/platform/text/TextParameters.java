package io.crmsuite.platform.text;

import java.util.List;
import java.util.Map;

import io.crmsuite.platform.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Query parameters, path segments and the headers that reach a store (Idempotency-Key, X-Actor, X-Client-Id, If-Match)
 * are one line each: a control character is refused with a 400 naming the parameter, before any resource runs.
 */
@Provider
@PreMatching
public class TextParameters implements ContainerRequestFilter {

    private static final List<String> STORED_HEADERS = List.of("Idempotency-Key", "X-Actor", "X-Client-Id", "If-Match");

    @Override
    public void filter(ContainerRequestContext request) {
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters(true).entrySet()) {
            for (String value : parameter.getValue()) {
                if (refused(parameter.getKey(), value, request)) {
                    return;
                }
            }
        }
        for (var segment : request.getUriInfo().getPathSegments(true)) {
            if (refused("path", segment.getPath(), request)) {
                return;
            }
        }
        for (String header : STORED_HEADERS) {
            if (refused(header, request.getHeaderString(header), request)) {
                return;
            }
        }
    }

    private static boolean refused(String name, String value, ContainerRequestContext request) {
        String problem = ControlCharacters.problem(value, false);
        if (problem != null) {
            request.abortWith(Problem.ofField(400, name, name + " " + problem).toResponse());
        }
        return problem != null;
    }
}
