package io.crmsuite.platform.text;

import java.util.Locale;

/**
 * The control characters no input may carry: C0 controls (U+0000 to U+001F, NUL among them), DEL (U+007F) and C1
 * controls (U+0080 to U+009F). PostgreSQL refuses NUL in text (a 500 before), and the others only hide text from
 * the people and tools that read it later. Free text may contain tab, CR and LF; nothing else may.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** Why {@code value} is refused, or null when it is acceptable. */
    public static String problem(String value, boolean freeText) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean lineBreakOrTab = c == '\t' || c == '\n' || c == '\r';
            if ((c < 0x20 && !(freeText && lineBreakOrTab)) || (c >= 0x7F && c <= 0x9F)) {
                return "contains the control character " + String.format(Locale.ROOT, "U+%04X", (int) c)
                        + " at position " + i + (freeText ? "; only tab, CR and LF are allowed in free text"
                                : "; this field is one line of text without control characters");
            }
        }
        return null;
    }
}
