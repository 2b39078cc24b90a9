package io.crmsuite.analytics.indicators;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

/**
 * {@link Table} as RFC 4180 CSV: a header line with the column names, then one line per row. A text cell that a
 * spreadsheet would run as a formula (it starts with =, +, -, @, tab or CR: OWASP's CSV injection) gets a leading
 * apostrophe, so Excel or Sheets shows it as text; numbers are written as they are (a negative number is a number).
 */
@Provider
@Produces("text/csv")
public class CsvWriter implements MessageBodyWriter<Table> {

    public static final String TEXT_CSV = "text/csv";

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Table.class.isAssignableFrom(type) && mediaType.isCompatible(MediaType.valueOf(TEXT_CSV));
    }

    @Override
    public void writeTo(Table table, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream entityStream) throws IOException {
        besideTheRows(table).forEach(headers::putSingle);
        Writer out = new java.io.OutputStreamWriter(entityStream, StandardCharsets.UTF_8);
        out.write(String.join(",", table.columns().stream().map(CsvWriter::cell).toList()));
        out.write("\r\n");
        for (Map<String, Object> row : table.rows()) {
            out.write(String.join(",", table.columns().stream().map(c -> cell(row.get(c))).toList()));
            out.write("\r\n");
        }
        out.flush();
    }

    /**
     * What JSON shows beside the rows, which CSV has no place for, as response headers: {@code X-As-Of}, and each
     * scalar extra figure by its name ({@code nextCursor} as {@code X-Next-Cursor}, {@code hasMore} as
     * {@code X-Has-More}), so that a BI tool reading CSV can still page on and see what the rows are as of.
     */
    static Map<String, String> besideTheRows(Table table) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (table.asOf() != null) {
            headers.put("X-As-Of", table.asOf().toString());
        }
        if (table.extra() != null) {
            table.extra().forEach((name, value) -> {
                if (value instanceof Number || value instanceof Boolean
                        || value instanceof String text && text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                    headers.put("X-" + headerCase(name), value.toString());
                }
            });
        }
        return headers;
    }

    /** {@code nextCursor} as {@code Next-Cursor}. */
    private static String headerCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i == 0) {
                out.append(Character.toUpperCase(c));
            } else if (Character.isUpperCase(c)) {
                out.append('-').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!(value instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
