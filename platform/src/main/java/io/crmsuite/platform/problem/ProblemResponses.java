package io.crmsuite.platform.problem;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the problem+json answers every service gives the same way, so that no operation has to repeat them
 * and none forgets one: 400 for an operation with input, 404 for one with a path id, 412 for one taking
 * {@code If-Match} (and 428 where it is required: PUT, PATCH), 422 for one taking {@code Idempotency-Key} (the key
 * reused with another body), 503 for all (a store out of reach, with {@code Retry-After}). Every 4xx and 5xx
 * answer, these and those a resource declares itself (409, 410...), carries the {@code Problem} schema. Registered
 * for every service in the platform's shared configuration ({@code mp.openapi.filter}).
 */
public class ProblemResponses implements OASFilter {

    static final String SCHEMA = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        if (components.getSchemas() == null || !components.getSchemas().containsKey(SCHEMA)) {
            components.addSchema(SCHEMA, problemSchema());
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().getOperations().entrySet()) {
                document(path.getKey(), op.getKey(), path.getValue(), op.getValue());
            }
        }
    }

    private static void document(String path, PathItem.HttpMethod method, PathItem item, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        boolean hasInput = operation.getRequestBody() != null || hasParameters(item, operation);
        if (hasInput) {
            add(responses, "400", "Invalid input: the problem names the field (`field`, and `errors` for several)");
        }
        if (path.contains("{")) {
            add(responses, "404", "Nothing is known under this id");
        }
        if (takesHeader(item, operation, "If-Match")) {
            add(responses, "412", "The ETag in If-Match is not the current one: read again and retry");
            if (method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH) {
                add(responses, "428", "If-Match is required");
            }
        }
        if (takesHeader(item, operation, "Idempotency-Key")) {
            add(responses, "422", "The Idempotency-Key was used before with another body");
        }
        add(responses, "503", "A store this service needs is out of reach; retry after the seconds in Retry-After");
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            if (isError(response.getKey())) {
                withProblemContent(response.getValue());
            }
        }
    }

    private static boolean hasParameters(PathItem item, Operation operation) {
        return operation.getParameters() != null && !operation.getParameters().isEmpty()
                || item.getParameters() != null && !item.getParameters().isEmpty();
    }

    private static boolean takesHeader(PathItem item, Operation operation, String name) {
        return takes(operation.getParameters(), name) || takes(item.getParameters(), name);
    }

    private static boolean takes(java.util.List<Parameter> parameters, String name) {
        return parameters != null && parameters.stream().anyMatch(
                p -> p.getIn() == Parameter.In.HEADER && name.equalsIgnoreCase(p.getName()));
    }

    private static boolean isError(String code) {
        return code.length() == 3 && (code.charAt(0) == '4' || code.charAt(0) == '5');
    }

    private static void add(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        }
    }

    /** Replaces whatever content was guessed (the validation answer's JSON) with the problem document. */
    private static void withProblemContent(APIResponse response) {
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription("See the problem document");
        }
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA)));
        response.setContent(content);
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", text).addProperty("message", text);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem document; `field` names the offending input")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).example("about:blank"))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING).example("Bad Request"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).example(400))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .example("must not be blank"))
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING).example("name"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError))
                .addProperty("allowedActions", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(text))
                .required(java.util.List.of("title", "status"));
    }
}
