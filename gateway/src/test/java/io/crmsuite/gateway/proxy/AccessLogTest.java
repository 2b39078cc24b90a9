package io.crmsuite.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AccessLogTest {

    /** Records each write the access log makes, as the text of that one write. */
    private static final class Writes extends OutputStream {
        final List<String> made = new ArrayList<>();

        @Override
        public void write(int b) {
            throw new AssertionError("the access log writes whole batches, never byte by byte");
        }

        @Override
        public void write(byte[] b, int off, int len) {
            made.add(new String(b, off, len, StandardCharsets.UTF_8));
        }
    }

    @Test
    void queuedLinesAreWrittenWholeInOrderInWritesOfAtMostFourKilobytes() {
        Writes out = new Writes();
        AccessLog log = new AccessLog(out);
        for (int i = 0; i < 1_000; i++) {
            log.add("127.0.0.1 GET /api/customers/" + i + " 200 0.6ms client=erp route=customers id=r-" + i);
        }
        log.writeQueued();

        assertTrue(out.made.size() > 1, "a thousand lines do not fit one write of 4 KiB");
        List<String> lines = new ArrayList<>();
        for (String write : out.made) {
            assertTrue(write.getBytes(StandardCharsets.UTF_8).length <= 4096, "a write stays within PIPE_BUF");
            assertTrue(write.endsWith("\n"), "a write never cuts a line");
            lines.addAll(List.of(write.split("\n")));
        }
        assertEquals(1_000, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(lines.get(i).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z ACCESS 127\\.0\\.0\\.1 GET /api/customers/" + i
                    + " 200 .* id=r-" + i), lines.get(i));
        }

        log.writeQueued();
        assertEquals(lines.size(), String.join("", out.made).split("\n").length, "nothing is written twice");
    }
}
