package io.crmsuite.complaint.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.Enums.ClockStatus;

/** The clock arithmetic with plain instants: no server, no sleeping. */
class SlaClockTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final SlaPolicies.Chosen DAY = new SlaPolicies.Chosen("default", 1, Duration.ofHours(24), null,
            WorkingTime.CLOCK);

    @Test
    void dueTwentyFourHoursAfterStartWarnedAtEightyPercent() {
        Complaint.Clock c = SlaClock.start(1, DAY, T0, 0.8);
        assertEquals(T0.plus(Duration.ofHours(24)), c.dueAt);
        assertEquals(T0.plus(Duration.ofMinutes(24 * 60 * 8 / 10)), c.warnAt);
        assertEquals(ClockStatus.ON_TRACK, SlaClock.status(c, WorkingTime.CLOCK, T0.plus(Duration.ofHours(19)), 0.8));
        assertEquals(ClockStatus.AT_RISK, SlaClock.status(c, WorkingTime.CLOCK, T0.plus(Duration.ofMinutes(1152)), 0.8));
        assertEquals(ClockStatus.AT_RISK, SlaClock.status(c, WorkingTime.CLOCK, T0.plus(Duration.ofHours(24)), 0.8),
                "the whole target may be used: breached only once it is exceeded");
        assertEquals(ClockStatus.BREACHED, SlaClock.status(c, WorkingTime.CLOCK,
                T0.plus(Duration.ofHours(24)).plusMillis(1), 0.8));
        assertEquals(c.warnAt, SlaClock.nextCheck(c, WorkingTime.CLOCK));
        c.warnedAt = c.warnAt;
        assertEquals(T0.plus(Duration.ofHours(24)).plusMillis(1), SlaClock.nextCheck(c, WorkingTime.CLOCK),
                "after the warning, the scanner looks again at the first moment the target is exceeded");
    }

    @Test
    void oneRuleForBreachedAndMissedSoNoComplaintIsBoth() {
        // 24 h and half a second: the old rule rounded the resolution down to whole seconds (MET) while the
        // running clock already said BREACHED
        Instant justOver = T0.plus(Duration.ofHours(24)).plusMillis(500);
        Complaint.Clock running = SlaClock.start(1, DAY, T0, 0.8);
        assertEquals(ClockStatus.BREACHED, SlaClock.status(running, WorkingTime.CLOCK, justOver, 0.8));
        Complaint.Clock resolved = SlaClock.start(1, DAY, T0, 0.8);
        SlaClock.stop(resolved, WorkingTime.CLOCK, justOver, 0.8);
        assertEquals(ClockStatus.MISSED, resolved.status);
        Complaint.Clock onTheDot = SlaClock.start(1, DAY, T0, 0.8);
        SlaClock.stop(onTheDot, WorkingTime.CLOCK, T0.plus(Duration.ofHours(24)), 0.8);
        assertEquals(ClockStatus.MET, onTheDot.status, "resolved exactly at the deadline is within the target");
    }

    @Test
    void aCalendarClockIsCheckedForItsBreachWhenWorkResumesNotAtClosingTime() {
        // 9 working hours from Monday 09:00 Sao Paulo: due at 18:00 closing, exceeded at 09:00:00.001 on Tuesday
        BusinessCalendar office = new BusinessCalendar(ZoneId.of("America/Sao_Paulo"),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0), Set.of());
        SlaPolicies.Chosen nineHours = new SlaPolicies.Chosen("office", 1, Duration.ofHours(9), "office", office);
        Instant mondayNine = Instant.parse("2026-11-23T12:00:00Z");
        Complaint.Clock c = SlaClock.start(1, nineHours, mondayNine, 0.8);
        c.warnedAt = c.warnAt;
        assertEquals(Instant.parse("2026-11-23T21:00:00Z"), c.dueAt);
        assertEquals(Instant.parse("2026-11-24T12:00:00.001Z"), SlaClock.nextCheck(c, office));
        assertEquals(ClockStatus.AT_RISK, SlaClock.status(c, office, Instant.parse("2026-11-24T03:00:00Z"), 0.8),
                "overnight the counted time stays at the target");
    }

    @Test
    void timeOnHoldIsExcludedAndMovesTheDeadline() {
        Complaint.Clock c = SlaClock.start(1, DAY, T0, 0.8);
        SlaClock.pause(c, T0.plus(Duration.ofHours(2)));
        assertNull(SlaClock.nextCheck(c, WorkingTime.CLOCK), "no warning or breach while the clock is paused");
        assertEquals(Duration.ofHours(2), SlaClock.elapsed(c, WorkingTime.CLOCK, T0.plus(Duration.ofHours(30))));
        assertEquals(Duration.ofHours(28), SlaClock.paused(c, WorkingTime.CLOCK, T0.plus(Duration.ofHours(30))));
        SlaClock.resume(c, WorkingTime.CLOCK, T0.plus(Duration.ofHours(5)), 0.8);
        assertEquals(3 * 3600, c.pausedSeconds);
        assertEquals(T0.plus(Duration.ofHours(27)), c.dueAt);
        assertEquals(Duration.ofHours(4), SlaClock.elapsed(c, WorkingTime.CLOCK, T0.plus(Duration.ofHours(7))));
        assertEquals(Duration.ofHours(20), SlaClock.remaining(c, WorkingTime.CLOCK, T0.plus(Duration.ofHours(7))));
    }

    @Test
    void resolvingWithinTheTargetIsMetAndLaterIsMissed() {
        Complaint.Clock met = SlaClock.start(1, DAY, T0, 0.8);
        assertEquals(Duration.ofHours(23), SlaClock.stop(met, WorkingTime.CLOCK, T0.plus(Duration.ofHours(23)), 0.8));
        assertEquals(ClockStatus.MET, met.status);
        Complaint.Clock missed = SlaClock.start(1, DAY, T0, 0.8);
        SlaClock.stop(missed, WorkingTime.CLOCK, T0.plus(Duration.ofHours(25)), 0.8);
        assertEquals(ClockStatus.MISSED, missed.status);
        assertEquals(ClockStatus.MISSED, SlaClock.status(missed, WorkingTime.CLOCK, T0.plus(Duration.ofDays(9)), 0.8));
    }

    @Test
    void resolvingWhileOnHoldEndsTheHoldFirst() {
        Complaint.Clock c = SlaClock.start(1, DAY, T0, 0.8);
        SlaClock.pause(c, T0.plus(Duration.ofHours(20)));
        Duration elapsed = SlaClock.stop(c, WorkingTime.CLOCK, T0.plus(Duration.ofHours(40)), 0.8);
        assertEquals(Duration.ofHours(20), elapsed);
        assertEquals(ClockStatus.MET, c.status);
    }

    @Test
    void businessHoursCountOnlyWorkingTimeSkippingWeekendsAndHolidays() {
        BusinessCalendar office = new BusinessCalendar(ZoneId.of("America/Sao_Paulo"),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0),
                Set.of(LocalDate.parse("2026-12-25")));
        // Friday 2026-11-27 16:00 in Sao Paulo (UTC-3) = 19:00Z; 8 working hours: 2 on Friday, 6 on Monday
        Instant friday4pm = Instant.parse("2026-11-27T19:00:00Z");
        assertEquals(Instant.parse("2026-11-30T18:00:00Z"), office.plus(friday4pm, Duration.ofHours(8)));
        assertEquals(Duration.ofHours(8), office.between(friday4pm, Instant.parse("2026-11-30T18:00:00Z")));
        // Thursday 2026-12-24 17:00 local + 2h: 1h that day; Friday the 25th is a holiday; 1h on Monday the 28th
        Instant christmasEve5pm = Instant.parse("2026-12-24T20:00:00Z");
        assertEquals(Instant.parse("2026-12-28T13:00:00Z"), office.plus(christmasEve5pm, Duration.ofHours(2)));
        // a complaint posted on Saturday starts counting on Monday at 09:00
        assertEquals(Duration.ZERO, office.between(Instant.parse("2026-11-28T12:00:00Z"),
                Instant.parse("2026-11-29T23:00:00Z")));
    }

    @Test
    void aBusinessHoursPolicyPausesWithTheCalendar() {
        BusinessCalendar office = new BusinessCalendar(ZoneId.of("UTC"), EnumSet.range(DayOfWeek.MONDAY,
                DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0), Set.of());
        SlaPolicies.Chosen eightWorkingHours = new SlaPolicies.Chosen("office", 1, Duration.ofHours(8), "office", office);
        Instant monday9 = Instant.parse("2026-11-23T09:00:00Z");
        Complaint.Clock c = SlaClock.start(1, eightWorkingHours, monday9, 0.5);
        assertEquals(Instant.parse("2026-11-23T17:00:00Z"), c.dueAt);
        SlaClock.pause(c, Instant.parse("2026-11-23T13:00:00Z"));
        SlaClock.resume(c, office, Instant.parse("2026-11-24T10:00:00Z"), 0.5); // 4h + 1h of working time on hold
        assertEquals(5 * 3600, c.pausedSeconds);
        assertEquals(Instant.parse("2026-11-24T14:00:00Z"), c.dueAt);
    }
}
