package io.crmsuite.platform.http;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import io.crmsuite.platform.problem.ProblemException;

/**
 * Query parameters read by hand: JAX-RS answers 404 when a parameter does not convert, an integrator needs a 400
 * that names the parameter and the values it takes.
 */
public final class QueryParams {

    /** The canonical form only: {@link UUID#fromString} also takes {@code 1-2-3-4-5}. */
    private static final Pattern UUID_FORM = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private QueryParams() {
    }

    /** An id such as {@code 0b7e6f0c-3f0e-4d5e-9a57-1c2b3d4e5f60}: anything else matches nothing, so it is a 400. */
    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!UUID_FORM.matcher(value.trim()).matches()) {
            throw ProblemException.badField(name, "'" + value + "' is not an id (a UUID such as "
                    + "0b7e6f0c-3f0e-4d5e-9a57-1c2b3d4e5f60)");
        }
        return UUID.fromString(value.trim());
    }

    /**
     * Refuses the range {@code [from, to)} when it is empty ({@code to} not after {@code from}), which can only be a
     * mistake: the answer would be an empty list that looks like "nothing there". Either end may be absent.
     */
    public static void requireOrdered(String fromName, Instant from, String toName, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.badField(toName, "must be after " + fromName + " (" + fromName + " is inclusive, "
                    + toName + " exclusive)");
        }
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
