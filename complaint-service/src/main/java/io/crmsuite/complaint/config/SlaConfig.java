package io.crmsuite.complaint.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The 24-hour rule and its policies, under {@code crm.sla}. */
@ConfigMapping(prefix = "crm.sla")
public interface SlaConfig {

    /** Resolution target when no policy matches: 24 clock hours, as the domain asks. */
    @WithDefault("PT24H")
    Duration defaultTarget();

    /** Share of the target after which a complaint is AT_RISK and a warning goes out. */
    @WithDefault("0.8")
    double warningRatio();

    /** Version of the policy set below; bump it when you change policies, complaints record it. */
    @WithDefault("1")
    int policiesVersion();

    /** Named policies; a complaint takes the matching policy whose deadline comes first from its start. */
    Map<String, Policy> policies();

    /** Named business calendars a policy may count in, instead of clock hours. */
    Map<String, Calendar> calendars();

    /**
     * Named escalation steps: what happens to a complaint some time after it became at risk or breached. Each step
     * applies at most once per resolution cycle, in the order of the steps' moments.
     */
    Map<String, Escalation> escalation();

    /** How often the service looks for complaints whose warning or deadline has come. */
    @WithDefault("1s")
    String scanInterval();

    interface Policy {

        /** Applies to complaints of this severity (LOW, MEDIUM, HIGH, CRITICAL); any when absent. */
        Optional<String> severity();

        /** Applies to customers of this tier (PLATINUM, GOLD, IRON, LEAD); any when absent. */
        Optional<String> tier();

        /** The resolution target. */
        Duration target();

        /** The calendar to count in (a key of crm.sla.calendars); clock hours when absent. */
        Optional<String> calendar();
    }

    /** The moment an escalation step counts from. */
    enum Trigger {
        /** The warning point of the cycle (crm.sla.warning-ratio of the target). */
        AT_RISK,
        /** The deadline of the cycle. */
        BREACHED
    }

    interface Escalation {

        /** What the step counts from: AT_RISK (the warning) or BREACHED (the deadline). */
        Trigger on();

        /** Counted time after that moment (holds excluded, in the policy's time, like the deadline); PT0S: at once. */
        @WithDefault("PT0S")
        Duration after();

        /** Moves the complaint to this team's queue (its agent is cleared); the team stays when absent. */
        Optional<String> toTeam();

        /** Raises the severity by this many steps (LOW, MEDIUM, HIGH, CRITICAL), at most to CRITICAL. */
        @WithDefault("0")
        int severityRaise();

        /** Applies to complaints of this severity (as it is when the step falls due); any when absent. */
        Optional<String> severity();

        /** Applies to customers of this tier (PLATINUM, GOLD, IRON, LEAD); any when absent. */
        Optional<String> tier();

        /** Applies to complaints of this category (PRODUCT_QUALITY, DELIVERY, BILLING, ...); any when absent. */
        Optional<String> category();
    }

    interface Calendar {

        /** Time zone of the working hours, e.g. America/Sao_Paulo. */
        @WithDefault("UTC")
        String zone();

        /** Working days. */
        @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
        Set<DayOfWeek> days();

        /** Start of the working day. */
        @WithDefault("09:00")
        LocalTime start();

        /** End of the working day. */
        @WithDefault("18:00")
        LocalTime end();

        /** Days off, e.g. 2026-12-25. */
        Optional<List<LocalDate>> holidays();
    }
}
