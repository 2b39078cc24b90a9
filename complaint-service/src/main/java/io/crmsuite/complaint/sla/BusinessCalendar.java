package io.crmsuite.complaint.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/** Working hours of a calendar (zone, working days, daily hours, holidays): only they count toward a target. */
public final class BusinessCalendar implements WorkingTime {

    private static final int MAX_DAYS = 3660; // ten years: a target can never need more

    private final ZoneId zone;
    private final Set<DayOfWeek> days;
    private final LocalTime start;
    private final LocalTime end;
    private final Set<LocalDate> holidays;

    public BusinessCalendar(ZoneId zone, Set<DayOfWeek> days, LocalTime start, LocalTime end, Set<LocalDate> holidays) {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a working day must end after it starts: " + start + "-" + end);
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a calendar needs at least one working day");
        }
        this.zone = zone;
        this.days = Set.copyOf(days);
        this.start = start;
        this.end = end;
        this.holidays = Set.copyOf(holidays);
    }

    @Override
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate day = from.atZone(zone).toLocalDate();
        LocalDate last = to.atZone(zone).toLocalDate();
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            Instant open = day.atTime(start).atZone(zone).toInstant();
            Instant close = day.atTime(end).atZone(zone).toInstant();
            Instant a = from.isAfter(open) ? from : open;
            Instant b = to.isBefore(close) ? to : close;
            if (b.isAfter(a)) {
                total = total.plus(Duration.between(a, b));
            }
        }
        return total;
    }

    @Override
    public Instant plus(Instant from, Duration amount) {
        Duration left = amount;
        ZonedDateTime cursor = from.atZone(zone);
        for (int i = 0; i < MAX_DAYS; i++) {
            LocalDate day = cursor.toLocalDate();
            if (isWorkingDay(day)) {
                ZonedDateTime open = day.atTime(start).atZone(zone);
                ZonedDateTime close = day.atTime(end).atZone(zone);
                ZonedDateTime begin = cursor.isAfter(open) ? cursor : open;
                if (begin.isBefore(close)) {
                    Duration available = Duration.between(begin, close);
                    if (available.compareTo(left) >= 0) {
                        return begin.plus(left).toInstant();
                    }
                    left = left.minus(available);
                }
            }
            cursor = day.plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalStateException("no working time within ten years: check the calendar");
    }

    private boolean isWorkingDay(LocalDate day) {
        return days.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }
}
