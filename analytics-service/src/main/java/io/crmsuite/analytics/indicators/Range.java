package io.crmsuite.analytics.indicators;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import io.crmsuite.platform.problem.ProblemException;

/** A query's date range: {@code from} inclusive, {@code to} exclusive, UTC dates; the last 30 days by default. */
public record Range(LocalDate from, LocalDate to) {

    public static Range parse(String from, String to, Clock clock, int maxDays) {
        LocalDate end = to == null || to.isBlank() ? LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1)
                : date("to", to);
        LocalDate start = from == null || from.isBlank() ? end.minusDays(30) : date("from", from);
        if (!start.isBefore(end)) {
            throw ProblemException.badField("to", "must be after from (from is inclusive, to exclusive)");
        }
        if (ChronoUnit.DAYS.between(start, end) > maxDays) {
            throw ProblemException.badField("from", "the range may cover at most " + maxDays + " days");
        }
        return new Range(start, end);
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badField(field, "'" + value + "' is not a date such as 2026-11-01");
        }
    }
}
