package io.crmsuite.complaint.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.Enums.Severity;
import io.crmsuite.complaint.config.SlaConfig;

/**
 * Which policy a complaint gets, with plain instants: the earliest actual deadline among the matching policies,
 * and on linking a customer, an earlier deadline for the running cycle (never a later one) from the same start and
 * holds. Every deadline below is worked out by hand in the comments.
 */
class SlaPoliciesTest {

    /** Office hours in UTC, Monday to Friday, 09:00-18:00. */
    private static final Cal OFFICE = new Cal("UTC", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 0), LocalTime.of(18, 0), Optional.empty());

    private static final SlaPolicies POLICIES = new SlaPolicies(new Config(Map.of(
            "office-nine", new Policy(Optional.of("LOW"), Optional.empty(), Duration.ofHours(9), Optional.of("office")),
            "clock-twelve", new Policy(Optional.of("LOW"), Optional.empty(), Duration.ofHours(12), Optional.empty()),
            "office-eight", new Policy(Optional.of("MEDIUM"), Optional.empty(), Duration.ofHours(8),
                    Optional.of("office")),
            "platinum", new Policy(Optional.empty(), Optional.of("PLATINUM"), Duration.ofHours(2), Optional.empty()),
            "lead-slow", new Policy(Optional.empty(), Optional.of("LEAD"), Duration.ofHours(48), Optional.empty()))));

    @Test
    void theEarliestActualDeadlineWinsNotTheShortestNominalTarget() {
        // Friday 17:00: 9 office hours are 1 h on Friday + 8 h on Monday = Monday 2026-11-30 17:00;
        // 12 clock hours end on Saturday 05:00: the longer target ends first
        Instant friday5pm = Instant.parse("2026-11-27T17:00:00Z");
        SlaPolicies.Chosen chosen = POLICIES.choose(Severity.LOW, null, friday5pm);
        assertEquals("clock-twelve", chosen.name());
        assertEquals(Instant.parse("2026-11-28T05:00:00Z"), chosen.time().plus(friday5pm, chosen.target()));
        // Monday 09:00: 9 office hours end at 18:00 the same day, 12 clock hours at 21:00
        Instant monday9 = Instant.parse("2026-11-23T09:00:00Z");
        assertEquals("office-nine", POLICIES.choose(Severity.LOW, null, monday9).name());
        // no policy matches HIGH without a tier: the default 24 clock hours
        SlaPolicies.Chosen none = POLICIES.choose(Severity.HIGH, null, monday9);
        assertEquals(SlaPolicies.DEFAULT, none.name());
        assertEquals(Duration.ofHours(24), none.target());
        // a LOW complaint of a platinum customer: 2 clock hours end before either LOW policy
        assertEquals("platinum", POLICIES.choose(Severity.LOW, "PLATINUM", friday5pm).name());
    }

    @Test
    void linkingAPlatinumCustomerTakesTheEarlierDeadlineWithTheSameStartAndHoldsCountedInTheNewTime() {
        // MEDIUM at Friday 16:00 -> office-eight: 2 h on Friday + 6 h on Monday = Monday 15:00
        Instant start = Instant.parse("2026-11-27T16:00:00Z");
        Complaint.Clock clock = SlaClock.start(1, POLICIES.choose(Severity.MEDIUM, null, start), start, 0.8);
        assertEquals("office-eight", clock.policy);
        assertEquals(Instant.parse("2026-11-30T15:00:00Z"), clock.dueAt);
        WorkingTime office = POLICIES.timeOf("office");
        // on hold from Friday 17:00 to Monday 09:30: 1 h + 0.5 h of office time; due 8 h + 1.5 h from the start =
        // 2 h on Friday + 7.5 h on Monday = Monday 16:30
        SlaClock.pause(clock, Instant.parse("2026-11-27T17:00:00Z"));
        SlaClock.resume(clock, office, Instant.parse("2026-11-30T09:30:00Z"), 0.8);
        assertEquals(5400, clock.pausedSeconds);
        assertEquals(Instant.parse("2026-11-30T16:30:00Z"), clock.dueAt);
        Instant linkedAt = Instant.parse("2026-11-30T10:00:00Z");
        assertEquals(Duration.ofMinutes(90), SlaClock.elapsed(clock, office, linkedAt),
                "Friday 16:00-18:00 and Monday 09:00-10:00 = 3 h of office time, minus 1.5 h on hold");

        Complaint.Clock platinum = POLICIES.earlierClock(clock, Severity.MEDIUM, "PLATINUM", linkedAt).orElseThrow();
        // the hold in clock time: Friday 17:00 to Monday 09:30 = 64.5 h; due 2 h + 64.5 h after Friday 16:00
        assertEquals("platinum", platinum.policy);
        assertEquals(1, platinum.cycle);
        assertEquals(start, platinum.startedAt);
        assertEquals(64 * 3600 + 1800, platinum.pausedSeconds);
        assertEquals(Instant.parse("2026-11-30T10:30:00Z"), platinum.dueAt);
        // warned at 80% of 2 h = 96 min of counted time: Friday 16:00-17:00 is 60 min, 36 more after 09:30
        assertEquals(Instant.parse("2026-11-30T10:06:00Z"), platinum.warnAt);
        assertEquals(Duration.ofMinutes(90), SlaClock.elapsed(platinum, WorkingTime.CLOCK, linkedAt),
                "Friday 16:00 to Monday 10:00 is 66 h of clock time, minus 64.5 h on hold: the same 1.5 h");
        assertEquals(Instant.parse("2026-11-30T16:30:00Z"), clock.dueAt, "the old clock is left as it was");
    }

    @Test
    void aClockOnHoldIsComparedAsIfItRanAgainNow() {
        // MEDIUM at Monday 2026-11-23 09:00 -> office-eight, due 17:00; on hold from 10:00 and still on hold at
        // Monday 2026-11-30 10:00 when linked: office time on hold so far = 8 h (Monday) + 4 x 9 h + 1 h = 45 h,
        // so if it ran again now the deadline would be 8 h + 45 h of office time after the start = 7 h left from
        // 10:00 = 17:00; platinum: 2 h + 168 h of clock time after the start = Monday 2026-11-30 11:00
        Instant start = Instant.parse("2026-11-23T09:00:00Z");
        Complaint.Clock clock = SlaClock.start(1, POLICIES.choose(Severity.MEDIUM, null, start), start, 0.8);
        SlaClock.pause(clock, Instant.parse("2026-11-23T10:00:00Z"));
        Instant linkedAt = Instant.parse("2026-11-30T10:00:00Z");
        assertEquals(Instant.parse("2026-11-30T17:00:00Z"),
                SlaClock.deadlineIfResumed(clock, POLICIES.timeOf("office"), linkedAt));
        Complaint.Clock platinum = POLICIES.earlierClock(clock, Severity.MEDIUM, "PLATINUM", linkedAt).orElseThrow();
        assertEquals(Instant.parse("2026-11-30T11:00:00Z"),
                SlaClock.deadlineIfResumed(platinum, WorkingTime.CLOCK, linkedAt));
        assertEquals(clock.pausedSince, platinum.pausedSince, "still on hold under the new policy");
        assertNull(SlaClock.nextCheck(platinum, WorkingTime.CLOCK), "no check while on hold");
    }

    @Test
    void aLaterDeadlineIsNeverTakenAndAnOutcomeAlreadyKnownKeepsItsPolicy() {
        // HIGH without a tier: default 24 h, due Tuesday 09:00; a LEAD customer's policy (48 h) would end later
        Instant monday9 = Instant.parse("2026-11-23T09:00:00Z");
        Complaint.Clock clock = SlaClock.start(1, POLICIES.choose(Severity.HIGH, null, monday9), monday9, 0.8);
        assertEquals(Instant.parse("2026-11-24T09:00:00Z"), clock.dueAt);
        assertTrue(POLICIES.earlierClock(clock, Severity.HIGH, "LEAD", monday9.plusSeconds(3600)).isEmpty());
        // the same policy again (a tier without a policy) is not earlier either
        assertTrue(POLICIES.earlierClock(clock, Severity.HIGH, "GOLD", monday9.plusSeconds(3600)).isEmpty());
        // breached: platinum would be earlier, but the cycle's outcome is known
        clock.breachedAt = clock.dueAt;
        assertTrue(POLICIES.earlierClock(clock, Severity.HIGH, "PLATINUM", Instant.parse("2026-11-24T10:00:00Z"))
                .isEmpty());
        // resolved: the clock is stopped
        Complaint.Clock resolved = SlaClock.start(1, POLICIES.choose(Severity.HIGH, null, monday9), monday9, 0.8);
        SlaClock.stop(resolved, WorkingTime.CLOCK, monday9.plusSeconds(600), 0.8);
        assertTrue(POLICIES.earlierClock(resolved, Severity.HIGH, "PLATINUM", monday9.plusSeconds(900)).isEmpty());
    }

    record Policy(Optional<String> severity, Optional<String> tier, Duration target, Optional<String> calendar)
            implements SlaConfig.Policy {
    }

    record Cal(String zone, Set<DayOfWeek> days, LocalTime start, LocalTime end, Optional<List<LocalDate>> holidays)
            implements SlaConfig.Calendar {
    }

    record Config(Map<String, SlaConfig.Policy> policies) implements SlaConfig {
        @Override
        public Duration defaultTarget() {
            return Duration.ofHours(24);
        }

        @Override
        public double warningRatio() {
            return 0.8;
        }

        @Override
        public int policiesVersion() {
            return 1;
        }

        @Override
        public Map<String, SlaConfig.Calendar> calendars() {
            return Map.of("office", OFFICE);
        }

        @Override
        public String scanInterval() {
            return "1s";
        }

        @Override
        public Map<String, SlaConfig.Escalation> escalation() {
            return Map.of();
        }
    }
}
