package io.crmsuite.analytics.indicators;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
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

    /**
     * A UTC date, or a timestamp naming a UTC midnight ({@code 2026-11-01T00:00:00Z}, as BI tools often send one):
     * indicators are kept by day, so another time, or another offset, would be cut to its day silently.
     */
    static LocalDate date(String field, String value) {
        try {
            if (value.length() <= 10) {
                return LocalDate.parse(value);
            }
            OffsetDateTime at = OffsetDateTime.parse(value);
            if (at.getOffset().equals(ZoneOffset.UTC) && at.toLocalTime().equals(LocalTime.MIDNIGHT)) {
                return at.toLocalDate();
            }
            throw ProblemException.badField(field, "'" + value + "' is not at a UTC midnight: indicators are kept by "
                    + "UTC day, give a date such as 2026-11-01");
        } catch (DateTimeParseException e) {
            throw ProblemException.badField(field, "'" + value + "' is not a date such as 2026-11-01");
        }
    }
}
