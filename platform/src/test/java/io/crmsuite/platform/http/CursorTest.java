package io.crmsuite.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.crmsuite.platform.problem.ProblemException;

class CursorTest {

    @Test
    void decodesTheValuesItWasMadeOfInTheirOrder() {
        String cursor = Cursor.encode("são paulo & co", "2026-11-23T10:00:00Z", "6f1c1f0e-1d2b-4c1a-9d1e-7a2b3c4d5e6f");
        assertEquals(List.of("são paulo & co", "2026-11-23T10:00:00Z", "6f1c1f0e-1d2b-4c1a-9d1e-7a2b3c4d5e6f"),
                Cursor.decode(cursor, 3));
    }

    @Test
    void keepsEmptyValuesEvenAtTheEnd() {
        assertEquals(List.of("", "x", ""), Cursor.decode(Cursor.encode("", "x", ""), 3));
    }

    /** It travels in a query string: no '+', '/' or '=' that would need escaping. */
    @Test
    void isUrlSafeBase64WithoutPadding() {
        // "a\u001f>?" is 4 bytes: standard Base64 would be "YR8+Pw==", with a '+' and padding
        String cursor = Cursor.encode("a", ">?");
        assertEquals("YR8-Pw", cursor);
        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
    }

    @Test
    void aCursorWithAnotherNumberOfValuesIs400NamingTheCursor() {
        String twoValues = Cursor.encode("Ana", "6f1c1f0e-1d2b-4c1a-9d1e-7a2b3c4d5e6f");
        assertBadCursor(() -> Cursor.decode(twoValues, 3));
        assertBadCursor(() -> Cursor.decode(twoValues, 1));
    }

    @Test
    void garbageIs400NamingTheCursor() {
        assertBadCursor(() -> Cursor.decode("not a cursor!", 2)); // not Base64 at all
        assertBadCursor(() -> Cursor.decode("garbage", 2)); // decodes, to one value
        assertBadCursor(() -> Cursor.decode("YR8+Pw==", 2)); // standard Base64, not the URL-safe kind
    }

    private static void assertBadCursor(org.junit.jupiter.api.function.Executable decode) {
        ProblemException e = assertThrows(ProblemException.class, decode);
        assertEquals(400, e.problem().status());
        assertEquals("cursor", e.problem().field());
    }
}
