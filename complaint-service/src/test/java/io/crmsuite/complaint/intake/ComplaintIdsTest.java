package io.crmsuite.complaint.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ComplaintIdsTest {

    @Test
    void theMillisecondComesFirstThenVersion7AndTheVariant() {
        // 0x0123456789ab ms: the first 48 bits, written out by hand
        String id = ComplaintIds.next(0x0123_4567_89abL);

        assertTrue(id.startsWith("01234567-89ab-7"), id);
        assertTrue("89ab".indexOf(id.charAt(19)) >= 0, "variant 10xx: " + id);
        UUID parsed = UUID.fromString(id);
        assertEquals(7, parsed.version());
        assertEquals(2, parsed.variant());
    }

    @Test
    void laterMillisecondsSortAfterEarlierOnesAsText() {
        String earlier = ComplaintIds.next(1_780_000_000_000L);
        String later = ComplaintIds.next(1_780_000_000_001L);
        String muchLater = ComplaintIds.next(1_790_000_000_000L);

        assertTrue(earlier.compareTo(later) < 0, earlier + " then " + later);
        assertTrue(later.compareTo(muchLater) < 0, later + " then " + muchLater);
    }

    @Test
    void idsOfOneMillisecondDifferInTheirRandomBits() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(ComplaintIds.next(1_780_000_000_000L));
        }
        assertEquals(10_000, ids.size());
    }
}
