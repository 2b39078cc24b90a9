package io.crmsuite.complaint.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

import io.crmsuite.complaint.complaint.Enums.Severity;
import io.crmsuite.complaint.config.SlaConfig;

/**
 * Which policy a complaint gets, with plain instants: the earliest actual deadline among the matching policies.
 * Every deadline below is worked out by hand in the comments.
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
    }
}
