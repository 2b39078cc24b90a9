package io.crmsuite.platform.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.crmsuite.platform.problem.ProblemException;

/**
 * An opaque keyset cursor: the sort values of the last item of a page, so the next page starts right after it
 * with an index seek instead of an offset scan.
 */
public final class Cursor {

    private static final char SEPARATOR = '\u001f';

    private Cursor() {
    }

    public static String encode(String... values) {
        String joined = String.join(String.valueOf(SEPARATOR), values);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /** The values of a cursor from {@link #encode}; 400 naming {@code cursor} when it is not one of ours. */
    public static List<String> decode(String cursor, int expectedValues) {
        try {
            String joined = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> values = List.of(joined.split(String.valueOf(SEPARATOR), -1));
            if (values.size() != expectedValues) {
                throw new IllegalArgumentException();
            }
            return values;
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField("cursor", "not a cursor returned by this endpoint (or for another sort)");
        }
    }
}
