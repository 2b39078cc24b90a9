package io.crmsuite.analytics.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;

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

    /** The cell without its RFC 4180 quoting (quotes doubled inside). */
    private static String unquoted(String cell) {
        return cell.startsWith("\"") ? cell.substring(1, cell.length() - 1) : cell;
    }
}
