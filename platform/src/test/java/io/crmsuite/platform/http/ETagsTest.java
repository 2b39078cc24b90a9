package io.crmsuite.platform.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.crmsuite.platform.problem.Problem;
import io.crmsuite.platform.problem.ProblemException;

/** If-Match as RFC 9110 section 13.1.1 defines it, against a resource at version 3. */
class ETagsTest {

    private static final long CURRENT = 3;

    @Test
    void anETagIsTheVersionInQuotes() {
        assertEquals("\"3\"", ETags.of(3));
        assertEquals("\"1234567890123\"", ETags.of(1_234_567_890_123L));
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"3\"", "*", "\"1\", \"3\"", "\"3\",\"4\"", "\"1\" ,\t\"2\" , \"3\"" })
    void theCurrentTagAnywhereInTheListOrAStarMatches(String ifMatch) {
        assertDoesNotThrow(() -> ETags.requireMatch(ifMatch, CURRENT));
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"2\"", "\"30\"", "\"1\", \"2\"", "\"\"" })
    void anotherVersionIs412(String ifMatch) {
        Problem problem = refused(ifMatch);
        assertEquals(412, problem.status());
        assertEquals("If-Match", problem.field());
        assertTrue(problem.detail().contains("it is at \"3\""), problem.detail());
    }

    /** If-Match uses the strong comparison: a weak tag never matches, not even the current version's. */
    @ParameterizedTest
    @ValueSource(strings = { "W/\"3\"", "W/\"2\", W/\"3\"" })
    void aWeakTagIs412(String ifMatch) {
        assertEquals(412, refused(ifMatch).status());
    }

    /** Not a changed resource: a header that cannot be read, which no retry after a fresh read would cure. */
    @ParameterizedTest
    @ValueSource(strings = { "3", "abc", "\"3", "3\"", "W/3", "\"3\", 4", "\"a\"b\"" })
    void aTagThatIsNotAnEntityTagIs400(String ifMatch) {
        Problem problem = refused(ifMatch);
        assertEquals(400, problem.status());
        assertEquals("If-Match", problem.field());
    }

    @Test
    void aWeakTagInTheListDoesNotStopTheStrongOneFromMatching() {
        assertDoesNotThrow(() -> ETags.requireMatch("W/\"3\", \"3\"", CURRENT));
    }

    /** A conditional update without a condition is refused (RFC 6585): a blind overwrite would lose changes. */
    @ParameterizedTest
    @ValueSource(strings = { "", "   " })
    void noIfMatchIs428(String ifMatch) {
        for (String missing : new String[] { ifMatch, null }) {
            Problem problem = refused(missing);
            assertEquals(428, problem.status());
            assertEquals("If-Match", problem.field());
            assertTrue(problem.detail().contains("If-Match: \"3\""), problem.detail());
        }
    }

    private static Problem refused(String ifMatch) {
        return assertThrows(ProblemException.class, () -> ETags.requireMatch(ifMatch, CURRENT),
                "If-Match: " + ifMatch).problem();
    }
}
