package io.crmsuite.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.junit.jupiter.api.Test;

class ProblemResponsesTest {

    @Test
    void eachOperationGetsTheProblemAnswersItsInputCanCause() {
        Operation search = OASFactory.createOperation().parameters(List.of(query("limit")));
        Operation read = OASFactory.createOperation().parameters(List.of(path("id")));
        Operation replace = OASFactory.createOperation().parameters(List.of(path("id"), header("If-Match")))
                .requestBody(OASFactory.createRequestBody());
        Operation act = OASFactory.createOperation().parameters(List.of(path("id"), header("If-Match"),
                header("Idempotency-Key"))).requestBody(OASFactory.createRequestBody())
                .responses(OASFactory.createAPIResponses().addAPIResponse("409",
                        OASFactory.createAPIResponse().description("not allowed now")));
        Operation rebuild = OASFactory.createOperation();
        OpenAPI api = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/things", OASFactory.createPathItem().GET(search).POST(rebuild))
                .addPathItem("/things/{id}", OASFactory.createPathItem().GET(read).PUT(replace))
                .addPathItem("/things/{id}/act", OASFactory.createPathItem().POST(act)));

        new ProblemResponses().filterOpenAPI(api);

        assertEquals(Set.of("400", "503"), codes(search));
        assertEquals(Set.of("400", "404", "503"), codes(read));
        assertEquals(Set.of("400", "404", "412", "428", "503"), codes(replace));
        assertEquals(Set.of("400", "404", "409", "412", "422", "503"), codes(act), "If-Match optional on a POST: no 428");
        assertEquals(Set.of("503"), codes(rebuild));
        for (Operation op : List.of(search, read, replace, act, rebuild)) {
            op.getResponses().getAPIResponses().values().forEach(r -> assertEquals("#/components/schemas/Problem",
                    r.getContent().getMediaType("application/problem+json").getSchema().getRef()));
        }
        assertNotNull(api.getComponents().getSchemas().get("Problem"));
        assertEquals(List.of("title", "status"), api.getComponents().getSchemas().get("Problem").getRequired());
    }

    private static Set<String> codes(Operation op) {
        return new TreeSet<>(op.getResponses().getAPIResponses().keySet());
    }

    private static Parameter query(String name) {
        return OASFactory.createParameter().name(name).in(Parameter.In.QUERY);
    }

    private static Parameter path(String name) {
        return OASFactory.createParameter().name(name).in(Parameter.In.PATH);
    }

    private static Parameter header(String name) {
        return OASFactory.createParameter().name(name).in(Parameter.In.HEADER);
    }
}
