package io.crmsuite.analytics.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.crmsuite.platform.problem.ProblemException;

class RangeTest {

    @ParameterizedTest
    @ValueSource(strings = { "2026-11-01", "2026-11-01T00:00:00Z", "2026-11-01T00:00Z", "2026-11-01T00:00:00.000+00:00" })
    void aDateOrAUtcMidnightNamesThatDay(String value) {
        assertEquals(LocalDate.of(2026, 11, 1), Range.date("from", value));
    }

    /** Each of these was cut to its first ten characters and read as a day, silently. */
    @ParameterizedTest
    @ValueSource(strings = { "2026-11-01garbage", "2026-11-29T23:59:59Z", "2026-11-01T13:00:00+05:00",
            "2026-11-01T00:00:00+01:00", "2026-11-01T00:00:00", "2026-13-01", "11/01/2026" })
    void anythingElseIsRefusedNamingTheParameter(String value) {
        ProblemException refused = assertThrows(ProblemException.class, () -> Range.date("to", value), value);
        assertEquals("to", refused.problem().field());
    }
}
