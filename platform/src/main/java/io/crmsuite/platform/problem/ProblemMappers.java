package io.crmsuite.platform.problem;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Valid;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** Turns every failure into {@code application/problem+json}: input errors name the field, nothing leaks a trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().toResponse();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        if (e.getConstraintViolations().stream().anyMatch(ProblemMappers::isMissingBody)) {
            // nothing inside a body that is not there can be wrong too: this is the one thing to say
            return ProblemException.missingBody().problem().toResponse();
        }
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field)).collect(Collectors.toList());
        Problem.FieldError first = errors.get(0);
        String detail = errors.stream().map(err -> err.field() + ": " + err.message()).collect(Collectors.joining("; "));
        return new Problem("about:blank", "Bad Request", 400, detail, first.field(), errors, null).toResponse();
    }

    @ServerExceptionMapper
    public Response unreadable(JsonParseException e) {
        return Problem.of(400, "Bad Request", "the body is not valid JSON: " + e.getOriginalMessage()).toResponse();
    }

    /** Quarkus maps this subtype itself (as plain JSON); ours must be at least as specific to win. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unmappable(e);
    }

    @ServerExceptionMapper
    public Response unmappable(JsonMappingException e) {
        String field = pathOf(e);
        String detail;
        if (e instanceof UnrecognizedPropertyException) {
            detail = "unknown field";
        } else if (e instanceof io.crmsuite.platform.text.ControlCharacterException) {
            detail = e.getOriginalMessage();
        } else if (e instanceof InvalidFormatException invalid) {
            detail = "cannot read '" + invalid.getValue() + "' as " + describe(invalid.getTargetType());
        } else if (e.getCause() instanceof IllegalArgumentException cause && cause.getMessage() != null) {
            detail = cause.getMessage();
        } else if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            // a value of another JSON type (StrictScalars): say what the field takes
            detail = "wrong type: expected " + jsonTypeOf(mismatched.getTargetType());
        } else {
            detail = "wrong type or shape";
        }
        if (field.isEmpty()) {
            return Problem.of(400, "Bad Request", "the body does not have the expected shape: " + detail).toResponse();
        }
        return Problem.ofField(400, field, field + ": " + detail).toResponse();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        // Quarkus REST reports a body Jackson could not read as a plain 400 with the reason as its cause
        if (e.getCause() instanceof JsonParseException parse) {
            return unreadable(parse);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return unmappable(mapping);
        }
        int status = e.getResponse().getStatus();
        String detail = e.getMessage() != null ? e.getMessage() : Problem.titleOf(status);
        Response.ResponseBuilder response = Response.fromResponse(e.getResponse()).type(Problem.MEDIA)
                .entity(Problem.of(status, Problem.titleOf(status), detail));
        return response.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (StoreUnavailable.is(e)) {
            // the readiness check and the consumers say the store is gone; one line per request would drown that
            LOG.debugf("answered 503, the store is unavailable: %s", e.getMessage());
            return Response.fromResponse(Problem.of(503, "Service Unavailable", "the service's store cannot be "
                    + "reached right now; try again in a few seconds (a write retried with its Idempotency-Key is "
                    + "done once)").toResponse())
                    .header("Retry-After", "5").build();
        }
        LOG.error("unexpected failure", e);
        return Problem.of(500, "Internal Server Error", "an unexpected error occurred; it has been logged")
                .toResponse();
    }

    private static String jsonTypeOf(Class<?> type) {
        if (type == String.class) {
            return "a string";
        } else if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        } else if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        } else if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return describe(type);
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return type.getSimpleName();
    }

    /** {@code contactMethods[0].value}, from Jackson's reference chain. */
    static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.toString();
    }

    /** Drops the method and parameter names Bean Validation puts in front: {@code create.request.name} -> {@code name}. */
    static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    && isBodyParameter(violation)) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                field.append(node.getName());
                continue;
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.length() > 0 ? field.toString() : "body";
    }

    /**
     * A constraint on the request body parameter itself ({@code @NotNull @Valid ChurnRequest request}) broken: the body
     * was empty. The body is the parameter the service cascades into ({@code @Valid}, the house's way of declaring
     * it); looked up on the validated class and its superclasses, as the CDI subclass that is validated redeclares
     * the method without the annotations. Its Java name ({@code r}, {@code request}) means nothing to a client.
     */
    static boolean isMissingBody(ConstraintViolation<?> violation) {
        Path.MethodNode method = null;
        Path.ParameterNode parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                method = node.as(Path.MethodNode.class);
            } else if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.as(Path.ParameterNode.class);
            } else {
                return false; // a field inside the body: the body is there
            }
        }
        if (method == null || parameter == null || violation.getInvalidValue() != null
                || violation.getRootBeanClass() == null) {
            return false;
        }
        Class<?>[] types = method.getParameterTypes().toArray(Class<?>[]::new);
        for (Class<?> type = violation.getRootBeanClass(); type != null; type = type.getSuperclass()) {
            try {
                Method declared = type.getDeclaredMethod(method.getName(), types);
                if (Arrays.stream(declared.getParameterAnnotations()[parameter.getParameterIndex()])
                        .anyMatch(Valid.class::isInstance)) {
                    return true;
                }
            } catch (NoSuchMethodException e) {
                // declared higher up
            }
        }
        return false;
    }

    private static boolean isBodyParameter(ConstraintViolation<?> violation) {
        // a violation inside a parameter (a bean property) means the parameter is the request body
        return StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .anyMatch(n -> n.getKind() == ElementKind.PROPERTY);
    }
}
