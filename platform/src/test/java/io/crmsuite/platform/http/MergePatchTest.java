package io.crmsuite.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.crmsuite.platform.problem.ProblemException;

class MergePatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The editable fields of a resource, as a request type a patch result is read into. */
    record Profile(String name, String region, List<String> tags) {
    }

    /** Every example of RFC 7396, Appendix A, in its order. */
    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"a\":\"b\"}                | {\"a\":\"c\"}                   | {\"a\":\"c\"}",
            "{\"a\":\"b\"}                | {\"b\":\"c\"}                   | {\"a\":\"b\",\"b\":\"c\"}",
            "{\"a\":\"b\"}                | {\"a\":null}                    | {}",
            "{\"a\":\"b\",\"b\":\"c\"}    | {\"a\":null}                    | {\"b\":\"c\"}",
            "{\"a\":[\"b\"]}              | {\"a\":\"c\"}                   | {\"a\":\"c\"}",
            "{\"a\":\"c\"}                | {\"a\":[\"b\"]}                 | {\"a\":[\"b\"]}",
            "{\"a\":{\"b\":\"c\"}}        | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
            "{\"a\":[{\"b\":\"c\"}]}      | {\"a\":[1]}                     | {\"a\":[1]}",
            "[\"a\",\"b\"]                | [\"c\",\"d\"]                   | [\"c\",\"d\"]",
            "{\"a\":\"b\"}                | [\"c\"]                         | [\"c\"]",
            "{\"a\":\"foo\"}              | null                            | null",
            "{\"a\":\"foo\"}              | \"bar\"                         | \"bar\"",
            "{\"e\":null}                 | {\"a\":1}                       | {\"e\":null,\"a\":1}",
            "[1,2]                        | {\"a\":\"b\",\"c\":null}        | {\"a\":\"b\"}",
            "{}                           | {\"a\":{\"bb\":{\"ccc\":null}}} | {\"a\":{\"bb\":{}}}" })
    void mergesAsTheExamplesOfRfc7396(String original, String patch, String result) throws IOException {
        assertEquals(JSON.readTree(result), MergePatch.merge(JSON.readTree(original), JSON.readTree(patch)));
    }

    @Test
    void readsThePatchedResourceAsTheRequestTypeAndLeavesTheBaseAlone() throws IOException {
        JsonNode base = JSON.readTree("{\"name\":\"Ana\",\"region\":\"south\",\"tags\":[\"vip\"]}");
        Profile patched = MergePatch.apply(JSON, base, "{\"region\":\"north\",\"tags\":null}", Profile.class);
        assertEquals(new Profile("Ana", "north", null), patched);
        assertEquals(JSON.readTree("{\"name\":\"Ana\",\"region\":\"south\",\"tags\":[\"vip\"]}"), base,
                "the stored state a patch is applied to is not changed by it");
    }

    @Test
    void aPatchThatIsNotAJsonObjectIs400() throws IOException {
        JsonNode base = JSON.readTree("{\"name\":\"Ana\"}");
        for (String patch : new String[] { "[\"c\"]", "\"bar\"", "null" }) {
            ProblemException e = assertThrows(ProblemException.class,
                    () -> MergePatch.apply(JSON, base, patch, Profile.class), "patch " + patch);
            assertEquals(400, e.problem().status(), "patch " + patch);
            assertEquals("a merge patch must be a JSON object", e.problem().detail(), "patch " + patch);
        }
    }

    @Test
    void noPatchAtAllIs400NamingTheBodyAsEveryMissingBody() throws IOException {
        JsonNode base = JSON.readTree("{\"name\":\"Ana\"}");
        for (String patch : new String[] { "", "  ", null }) {
            ProblemException e = assertThrows(ProblemException.class,
                    () -> MergePatch.apply(JSON, base, patch, Profile.class), "patch " + patch);
            assertEquals(400, e.problem().status(), "patch " + patch);
            assertEquals("body", e.problem().field(), "patch " + patch);
            assertEquals("a JSON body is required", e.problem().detail(), "patch " + patch);
        }
    }

    @Test
    void aPatchThatIsNotJsonIs400() throws IOException {
        JsonNode base = JSON.readTree("{\"name\":\"Ana\"}");
        ProblemException e = assertThrows(ProblemException.class,
                () -> MergePatch.apply(JSON, base, "{\"name\": ", Profile.class));
        assertEquals(400, e.problem().status());
        assertEquals("the merge patch is not valid JSON", e.problem().detail());
    }

    /** The problem mappers turn this into a 400 naming the field, as for a request body. */
    @Test
    void aPatchAddingAnUnknownFieldFailsAsARequestBodyWould() throws IOException {
        JsonNode base = JSON.readTree("{\"name\":\"Ana\"}");
        UnrecognizedPropertyException e = assertThrows(UnrecognizedPropertyException.class,
                () -> MergePatch.apply(JSON, base, "{\"tier\":\"GOLD\"}", Profile.class));
        assertEquals("tier", e.getPropertyName());
    }
}
