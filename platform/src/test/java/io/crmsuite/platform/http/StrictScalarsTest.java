package io.crmsuite.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

class StrictScalarsTest {

    enum Kind { END_CUSTOMER, DISTRIBUTOR }

    record Body(String name, List<String> tags, Map<String, String> attributes, BigDecimal amount, Integer score,
            Boolean enabled, Kind kind, Instant occurredAt) {
    }

    private static final ObjectMapper JSON = strict();

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        new StrictScalars().customize(mapper);
        return mapper;
    }

    @Test
    void valuesOfTheirOwnTypeAreRead() throws Exception {
        Body body = JSON.readValue("{\"name\":\"Ana\",\"tags\":[\"a\"],\"attributes\":{\"k\":\"v\"},\"amount\":12.5,"
                + "\"score\":3,\"enabled\":false,\"kind\":\"DISTRIBUTOR\",\"occurredAt\":\"2026-11-30T08:00:00Z\"}", Body.class);
        assertEquals(new Body("Ana", List.of("a"), Map.of("k", "v"), new BigDecimal("12.5"), 3, false, Kind.DISTRIBUTOR,
                Instant.parse("2026-11-30T08:00:00Z")), body);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\":123}", "{\"name\":1.5}", "{\"name\":true}", "{\"tags\":[1,2]}", "{\"attributes\":{\"a\":1}}",
            "{\"amount\":\"12.5\"}", "{\"amount\":true}",
            "{\"score\":3.5}", "{\"score\":\"3\"}", "{\"score\":true}",
            "{\"enabled\":1}", "{\"enabled\":\"false\"}", "{\"enabled\":0.0}",
            "{\"kind\":1}",
            "{\"occurredAt\":1700000000}", "{\"occurredAt\":1700000000.5}", "{\"occurredAt\":true}" })
    void aValueOfAnotherJsonTypeIsRefusedNotConverted(String json) {
        assertThrows(MismatchedInputException.class, () -> JSON.readValue(json, Body.class), json);
    }
}
