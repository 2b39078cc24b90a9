package io.crmsuite.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.crmsuite.platform.problem.Problem;
import io.crmsuite.platform.problem.ProblemException;

class QueryParamsTest {

    private static final Instant NINE = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant TEN = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void aUuidIsReadInEitherCaseAndAnythingElseIs400NamingTheParameter() {
        UUID id = UUID.fromString("0b7e6f0c-3f0e-4d5e-9a57-1c2b3d4e5f60");
        assertEquals(id, QueryParams.uuid("customerId", "0B7E6F0C-3F0E-4D5E-9A57-1C2B3D4E5F60"));
        assertNull(QueryParams.uuid("customerId", " "));
        // 1-2-3-4-5 is taken by UUID.fromString, as 00000001-0002-0003-0004-000000000005
        for (String bad : new String[] { "bad", "1-2-3-4-5", "0b7e6f0c3f0e4d5e9a571c2b3d4e5f60" }) {
            Problem problem = assertThrows(ProblemException.class, () -> QueryParams.uuid("customerId", bad)).problem();
            assertEquals(400, problem.status());
            assertEquals("customerId", problem.field());
            assertEquals("'" + bad + "' is not an id (a UUID such as 0b7e6f0c-3f0e-4d5e-9a57-1c2b3d4e5f60)",
                    problem.detail());
        }
    }

    @Test
    void aRangeMustNotBeEmptyAndMayHaveOneEnd() {
        QueryParams.requireOrdered("from", NINE, "to", TEN);
        QueryParams.requireOrdered("from", null, "to", TEN);
        QueryParams.requireOrdered("from", TEN, "to", null);
        for (Instant from : new Instant[] { TEN, TEN.plusMillis(1) }) {
            Problem problem = assertThrows(ProblemException.class,
                    () -> QueryParams.requireOrdered("receivedFrom", from, "receivedTo", TEN)).problem();
            assertEquals(400, problem.status());
            assertEquals("receivedTo", problem.field());
            assertEquals("must be after receivedFrom (receivedFrom is inclusive, receivedTo exclusive)",
                    problem.detail());
        }
    }

    @Test
    void aNumberOutOfItsBoundsGivesTheBounds() {
        for (String bad : new String[] { "0", "-1", "abc", "501" }) {
            Problem problem = assertThrows(ProblemException.class, () -> QueryParams.integer("limit", bad, 1, 500))
                    .problem();
            assertEquals("limit", problem.field());
            assertEquals("must be a whole number between 1 and 500", problem.detail());
        }
        assertEquals(500, QueryParams.integer("limit", "500", 1, 500));
    }
}
