package io.crmsuite.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.crmsuite.platform.problem.Problem;
import io.crmsuite.platform.problem.ProblemException;

class FingerprintTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request as the services read it: a record, with a free-form map inside. */
    record Order(String name, int quantity, Map<String, Object> attributes, List<String> tags) {
    }

    @Test
    void isTheSha256OfTheRequestAsJsonWithSortedKeysAndNoWhitespace() throws Exception {
        Order order = new Order("x", 2, Map.of("b", 1, "a", Map.of("d", true, "c", "y")), List.of("t2", "t1"));
        String canonical = "{\"attributes\":{\"a\":{\"c\":\"y\",\"d\":true},\"b\":1},\"name\":\"x\",\"quantity\":2,"
                + "\"tags\":[\"t2\",\"t1\"]}";
        assertEquals(sha256(canonical), Fingerprint.of(order));
    }

    @Test
    void theSameJsonWithOtherKeyOrderAndWhitespaceHasTheSameFingerprint() throws Exception {
        Order compact = JSON.readValue("{\"name\":\"x\",\"quantity\":2,\"attributes\":{\"a\":{\"c\":\"y\",\"d\":true},"
                + "\"b\":1},\"tags\":[\"t2\",\"t1\"]}", Order.class);
        Order reordered = JSON.readValue("""
                {
                  "tags" : [ "t2", "t1" ],
                  "attributes" : { "b" : 1, "a" : { "d" : true, "c" : "y" } },
                  "quantity" : 2,
                  "name" : "x"
                }""", Order.class);
        assertEquals(Fingerprint.of(compact), Fingerprint.of(reordered));
    }

    @Test
    void anotherBodyHasAnotherFingerprint() throws Exception {
        String base = Fingerprint.of(new Order("x", 2, Map.of("b", 1), List.of("t1", "t2")));
        assertNotEquals(base, Fingerprint.of(new Order("x", 3, Map.of("b", 1), List.of("t1", "t2"))), "a value");
        assertNotEquals(base, Fingerprint.of(new Order("x", 2, Map.of("b", 2), List.of("t1", "t2"))), "a nested value");
        assertNotEquals(base, Fingerprint.of(new Order("x", 2, Map.of("c", 1), List.of("t1", "t2"))), "a nested key");
        assertNotEquals(base, Fingerprint.of(new Order("x", 2, Map.of("b", 1), List.of("t2", "t1"))), "list order");
        assertNotEquals(base, Fingerprint.of(new Order("x", 2, Map.of("b", 1), null)), "a missing field");
    }

    @Test
    void aKeyIsTrimmedAndNoKeyIsNull() {
        assertNull(Fingerprint.checkedKey(null));
        assertEquals("till-7-0001", Fingerprint.checkedKey("  till-7-0001\t"));
        String longest = "k".repeat(Fingerprint.MAX_KEY_LENGTH);
        assertEquals(longest, Fingerprint.checkedKey(" " + longest + " "));
    }

    @Test
    void anEmptyOrOverlongKeyIs400NamingTheHeader() {
        for (String key : new String[] { "", "   ", "k".repeat(Fingerprint.MAX_KEY_LENGTH + 1) }) {
            Problem problem = assertThrows(ProblemException.class, () -> Fingerprint.checkedKey(key),
                    "key of " + key.length() + " characters").problem();
            assertEquals(400, problem.status());
            assertEquals("Idempotency-Key", problem.field());
        }
    }

    @Test
    void aKeyReusedWithAnotherBodyIs422NamingTheHeader() {
        Problem problem = Fingerprint.reusedKey().problem();
        assertEquals(422, problem.status());
        assertEquals("Unprocessable Content", problem.title());
        assertEquals("Idempotency-Key", problem.field());
        assertEquals(List.of(new Problem.FieldError("Idempotency-Key", "this Idempotency-Key was already used with a "
                + "different request body; use a new key for a new request")), problem.errors());
    }

    private static String sha256(String json) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
    }
}
