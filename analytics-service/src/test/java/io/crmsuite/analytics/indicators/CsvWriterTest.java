package io.crmsuite.analytics.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** CSV cells as a spreadsheet will read them: text that would run as a formula is shown as text (OWASP). */
class CsvWriterTest {

    @Test
    void textStartingLikeAFormulaGetsALeadingApostrophe() {
        assertEquals("'=HYPERLINK(\"\"http://evil\"\")", unquoted(CsvWriter.cell("=HYPERLINK(\"http://evil\")")));
        assertEquals("'+1", CsvWriter.cell("+1"));
        assertEquals("'-2+3", CsvWriter.cell("-2+3"));
        assertEquals("'@SUM(A1)", CsvWriter.cell("@SUM(A1)"));
        assertEquals("'\tcmd", CsvWriter.cell("\tcmd"));
        assertEquals("\"'\r=1\"", CsvWriter.cell("\r=1"));
    }

    @Test
    void numbersAndOrdinaryTextAreWrittenAsTheyAre() {
        assertEquals("-12.5", CsvWriter.cell(new BigDecimal("-12.5")));
        assertEquals("-3", CsvWriter.cell(-3L));
        assertEquals("callcenter-sp", CsvWriter.cell("callcenter-sp"));
        assertEquals("a=b", CsvWriter.cell("a=b"));
        assertEquals("", CsvWriter.cell(null));
        assertEquals("\"x, y\"", CsvWriter.cell("x, y"));
    }

    @Test
    void whatJsonShowsBesideTheRowsComesAsHeaders() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("nextCursor", "eyJrIjoxfQ");
        extra.put("hasMore", true);
        extra.put("customers", 12);
        extra.put("byTier", Map.of("GOLD", 3)); // no place in a header: JSON only
        Table table = new Table(Instant.parse("2026-11-30T08:00:00Z"), null, List.of("day"), List.of(), extra);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("X-As-Of", "2026-11-30T08:00:00Z");
        expected.put("X-Next-Cursor", "eyJrIjoxfQ");
        expected.put("X-Has-More", "true");
        expected.put("X-Customers", "12");
        assertEquals(expected, CsvWriter.besideTheRows(table));
    }

    /** The cell without its RFC 4180 quoting (quotes doubled inside). */
    private static String unquoted(String cell) {
        return cell.startsWith("\"") ? cell.substring(1, cell.length() - 1) : cell;
    }
}
