package io.crmsuite.platform.http;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

import io.crmsuite.platform.problem.ProblemException;

/**
 * Query parameters read by hand: JAX-RS answers 404 when a parameter does not convert, an integrator needs a 400
 * that names the parameter and the values it takes.
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static <E extends Enum<E>> E enumOf(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField(name, "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** An ISO-8601 instant ({@code 2026-11-23T10:00:00Z}) or a date ({@code 2026-11-23}, midnight UTC). */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badField(name, "'" + value + "' is not an ISO-8601 instant such as "
                    + "2026-11-23T10:00:00Z or a date such as 2026-11-23");
        }
    }

    public static Integer integer(String name, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ProblemException.badField(name, "must be a whole number between " + min + " and " + max);
        }
    }

    public static BigDecimal decimal(String name, String value, String min, String max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal parsed = new BigDecimal(value.trim());
            if (parsed.compareTo(new BigDecimal(min)) < 0 || parsed.compareTo(new BigDecimal(max)) > 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ProblemException.badField(name, "must be a number from " + min + " to " + max);
        }
    }
}
