package io.crmsuite.complaint.customers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The entries of a key are read with an anchored regular expression on {@code _id}: it must match exactly the ids
 * that start with {@code <key>|}, whatever characters the key holds, and be a plain prefix (letters and digits as
 * they are, everything else escaped), which MongoDB turns into a range of the {@code _id} index.
 */
class WaitingKeyPrefixTest {

    @Test
    void escapesEverythingButLettersAndDigits() {
        assertEquals("^phone\\:\\+5511900000000\\|", WaitingComplaints.prefixPattern("phone:+5511900000000|"));
        assertEquals("^email\\:a\\.b\\+x\\@ex\\-ample\\.com\\|",
                WaitingComplaints.prefixPattern("email:a.b+x@ex-ample.com|"));
    }

    @Test
    void matchesTheEntriesOfTheKeyOnly() {
        String key = "email:a.b+x@example.com";
        Pattern prefix = Pattern.compile(WaitingComplaints.prefixPattern(key + "|"));
        assertTrue(prefix.matcher(key + "|4f1c0d2e-0000-4000-8000-000000000001").find());
        assertFalse(prefix.matcher(key).find(), "the marker is not an entry");
        assertFalse(prefix.matcher("email:aXb+x@example.com|1").find(), "a dot is a dot");
        assertFalse(prefix.matcher("email:a.bbx@example.com|1").find(), "a plus is a plus");
        assertFalse(prefix.matcher("email:a.b+x@example.community|1").find(), "the key ends at the bar");
        assertFalse(prefix.matcher("x" + key + "|1").find(), "anchored");
        // an e-mail may hold a bar: the prefix of one key then reads another's entries, which the key field tells apart
        assertTrue(Pattern.compile(WaitingComplaints.prefixPattern("email:a|")).matcher("email:a|b@x.com|1").find());
    }
}
