package io.crmsuite.complaint.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.Enums.Category;
import io.crmsuite.complaint.complaint.Enums.Severity;
import io.crmsuite.complaint.config.SlaConfig;
import io.crmsuite.complaint.config.SlaConfig.Trigger;
import io.crmsuite.complaint.sla.BusinessCalendar;
import io.crmsuite.complaint.sla.SlaClock;
import io.crmsuite.complaint.sla.SlaPolicies;
import io.crmsuite.complaint.sla.WorkingTime;

/** The steps' configuration, matching and effects, and when a step falls due, with plain objects. */
class EscalationStepsTest {

    record Step(Trigger on, Duration after, Optional<String> toTeam, int severityRaise, Optional<String> severity,
            Optional<String> tier, Optional<String> category) implements SlaConfig.Escalation {

        static Step breached(Duration after) {
            return new Step(Trigger.BREACHED, after, Optional.empty(), 0, Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
    }

    @Test
    void aSeverityIsRaisedAtMostToCritical() {
        assertEquals(Severity.MEDIUM, EscalationSteps.raised(Severity.LOW, 1));
        assertEquals(Severity.CRITICAL, EscalationSteps.raised(Severity.MEDIUM, 2));
        assertEquals(Severity.CRITICAL, EscalationSteps.raised(Severity.HIGH, 2));
        assertEquals(Severity.CRITICAL, EscalationSteps.raised(Severity.CRITICAL, 1));
        assertEquals(Severity.LOW, EscalationSteps.raised(Severity.LOW, 0));
    }

    @Test
    void aStepMovesTheComplaintToItsTeamsQueueRaisesTheSeverityAndJoinsTheCycle() {
        EscalationSteps steps = new EscalationSteps(Map.of("supervisor", new Step(Trigger.BREACHED, Duration.ZERO,
                Optional.of("supervisors"), 1, Optional.empty(), Optional.empty(), Optional.of("staff"))));
        Complaint c = complaint(Category.STAFF, Severity.HIGH);
        c.assignee = "bo";
        c.team = "front-desk";
        EscalationSteps.Step step = steps.pending(c).get(0);
        Instant at = Instant.parse("2026-11-24T09:00:00Z");
        Complaint.Escalation e = step.applyTo(c, 1, at);

        assertEquals(List.of("supervisors", "CRITICAL", "1"), List.of(c.team, c.severity.name(),
                String.valueOf(c.escalationLevel)));
        assertNull(c.assignee, "the agent belongs to the team the complaint left");
        assertEquals(List.of("supervisor", "BREACHED", "front-desk", "supervisors", "bo", "HIGH", "CRITICAL"),
                List.of(e.step, e.trigger, e.fromTeam, e.toTeam, e.fromAgent, e.fromSeverity.name(),
                        e.toSeverity.name()));
        assertEquals(at, e.at);
        assertEquals(List.of(e), c.sla.escalations);
        assertEquals(List.of(), steps.pending(c), "once per cycle");
        assertEquals(1, steps.pending(complaint(Category.STAFF, Severity.LOW)).size());
        assertEquals(0, steps.pending(complaint(Category.DELIVERY, Severity.LOW)).size(), "category filter");
    }

    @Test
    void aStepToTheTeamTheComplaintIsInKeepsItsAgent() {
        EscalationSteps steps = new EscalationSteps(Map.of("s", new Step(Trigger.AT_RISK, Duration.ZERO,
                Optional.of("supervisors"), 0, Optional.empty(), Optional.empty(), Optional.empty())));
        Complaint c = complaint(Category.STAFF, Severity.HIGH);
        c.assignee = "ana";
        c.team = "supervisors";
        steps.pending(c).get(0).applyTo(c, 1, Instant.parse("2026-11-24T09:00:00Z"));
        assertEquals("ana", c.assignee);
        assertEquals(Severity.HIGH, c.severity);
    }

    @Test
    void filtersMatchSeverityTierAndCategoryAsTheComplaintIsNow() {
        EscalationSteps steps = new EscalationSteps(Map.of(
                "critical-platinum", new Step(Trigger.BREACHED, Duration.ZERO, Optional.empty(), 0,
                        Optional.of("CRITICAL"), Optional.of("platinum"), Optional.empty()),
                "any", Step.breached(Duration.ofHours(1))));
        Complaint c = complaint(Category.BILLING, Severity.HIGH);
        c.customerTier = "PLATINUM";
        assertEquals(List.of("any"), steps.pending(c).stream().map(EscalationSteps.Step::name).toList());
        c.severity = Severity.CRITICAL; // raised by an earlier step
        assertEquals(List.of("any", "critical-platinum"),
                steps.pending(c).stream().map(EscalationSteps.Step::name).toList(), "by name");
        c.customerTier = null;
        assertEquals(List.of("any"), steps.pending(c).stream().map(EscalationSteps.Step::name).toList(),
                "a tier filter does not match an unknown tier");
    }

    @Test
    void aStepThatCannotWorkStopsTheStartWithItsSettingsName() {
        assertMessage("crm.sla.escalation.x.after must not be negative: PT-1H",
                Map.of("x", Step.breached(Duration.ofHours(-1))));
        assertMessage("crm.sla.escalation.x.severity-raise must be 0 or more: -1", Map.of("x", new Step(
                Trigger.BREACHED, Duration.ZERO, Optional.empty(), -1, Optional.empty(), Optional.empty(),
                Optional.empty())));
        assertMessage("crm.sla.escalation.x.to-team must be 1 to 100 characters", Map.of("x", new Step(
                Trigger.BREACHED, Duration.ZERO, Optional.of(" "), 0, Optional.empty(), Optional.empty(),
                Optional.empty())));
        assertMessage("crm.sla.escalation.x.severity is 'URGENT', not one of [LOW, MEDIUM, HIGH, CRITICAL]",
                Map.of("x", new Step(Trigger.BREACHED, Duration.ZERO, Optional.empty(), 0, Optional.of("URGENT"),
                        Optional.empty(), Optional.empty())));
        assertMessage("crm.sla.escalation.x.category is 'PARKING', not one of [PRODUCT_QUALITY, DELIVERY, BILLING, "
                + "SERVICE, STAFF, OTHER]", Map.of("x", new Step(Trigger.BREACHED, Duration.ZERO, Optional.empty(), 0,
                        Optional.empty(), Optional.empty(), Optional.of("PARKING"))));
    }

    @Test
    void aStepAfterABreachCountsInThePolicysTimeAndMovesWithAHold() {
        // office hours in UTC, Monday to Friday 09:00-18:00; 8 office hours from Thursday 10:00 end on Thursday 18:00
        WorkingTime office = new BusinessCalendar(ZoneId.of("UTC"), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(9, 0), LocalTime.of(18, 0), Set.of());
        Instant start = Instant.parse("2026-11-26T10:00:00Z");
        Complaint.Clock clock = SlaClock.start(1, new SlaPolicies.Chosen("office", 1, Duration.ofHours(8), "office",
                office), start, 0.8);
        assertEquals(Instant.parse("2026-11-26T18:00:00Z"), clock.dueAt);
        // BREACHED + 4 office hours: Friday 09:00-13:00
        Instant friday13 = Instant.parse("2026-11-27T13:00:00Z");
        assertEquals(friday13, SlaClock.escalationAt(clock, office, 0.8, Trigger.BREACHED, Duration.ofHours(4)));
        assertEquals(friday13.plusMillis(1),
                SlaClock.escalationCheck(clock, office, 0.8, Trigger.BREACHED, Duration.ofHours(4)));
        assertFalse(SlaClock.isEscalationDue(clock, office, friday13, 0.8, Trigger.BREACHED, Duration.ofHours(4)),
                "exceeded, like the breach: not at the instant itself");
        assertTrue(SlaClock.isEscalationDue(clock, office, friday13.plusMillis(1), 0.8, Trigger.BREACHED,
                Duration.ofHours(4)));
        // AT_RISK + 0: the warning point, 80% of 8 h = 6h24m from Thursday 10:00 = 16:24, reached at the instant
        Instant warn = Instant.parse("2026-11-26T16:24:00Z");
        assertEquals(warn, SlaClock.escalationAt(clock, office, 0.8, Trigger.AT_RISK, Duration.ZERO));
        assertTrue(SlaClock.isEscalationDue(clock, office, warn, 0.8, Trigger.AT_RISK, Duration.ZERO));

        // on hold Thursday 17:00 to Friday 10:00 (2 office hours): the step moves to Friday 15:00; none while on hold
        SlaClock.pause(clock, Instant.parse("2026-11-26T17:00:00Z"));
        assertNull(SlaClock.escalationCheck(clock, office, 0.8, Trigger.BREACHED, Duration.ofHours(4)));
        SlaClock.resume(clock, office, Instant.parse("2026-11-27T10:00:00Z"), 0.8);
        assertEquals(Instant.parse("2026-11-27T15:00:00Z"),
                SlaClock.escalationAt(clock, office, 0.8, Trigger.BREACHED, Duration.ofHours(4)));
    }

    private static void assertMessage(String message, Map<String, SlaConfig.Escalation> config) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> new EscalationSteps(config))
                .getMessage());
    }

    private static Complaint complaint(Category category, Severity severity) {
        Complaint c = new Complaint();
        c.category = category;
        c.severity = severity;
        c.sla = new Complaint.Clock();
        return c;
    }
}
