package io.crmsuite.analytics.indicators;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.crmsuite.platform.problem.ProblemException;

/** Reporting periods in UTC: day ({@code 2026-11-23}), ISO week ({@code 2026-W48}) or month ({@code 2026-11}). */
public enum Period {
    DAY, WEEK, MONTH;

    public static Period parse(String value) {
        if (value == null || value.isBlank()) {
            return DAY;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField("granularity", "one of day, week, month");
        }
    }

    /** The first day of the period containing {@code day}. */
    public LocalDate start(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    public LocalDate next(LocalDate start) {
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }

    public String label(LocalDate start) {
        return switch (this) {
            case DAY -> start.toString();
            case WEEK -> String.format(Locale.ROOT, "%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR),
                    start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> start.toString().substring(0, 7);
        };
    }

    /** The periods overlapping [from, to): each with its own start and end, clipped to the range. */
    public List<LocalDate[]> slices(LocalDate from, LocalDate to) {
        List<LocalDate[]> slices = new ArrayList<>();
        for (LocalDate start = start(from); start.isBefore(to); start = next(start)) {
            LocalDate a = start.isBefore(from) ? from : start;
            LocalDate b = next(start).isAfter(to) ? to : next(start);
            slices.add(new LocalDate[] { start, a, b });
        }
        return slices;
    }
}
