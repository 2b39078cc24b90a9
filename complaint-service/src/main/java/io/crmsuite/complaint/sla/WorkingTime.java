package io.crmsuite.complaint.sla;

import java.time.Duration;
import java.time.Instant;

/** The time an SLA counts: every hour of the clock, or the working hours of a calendar. */
public interface WorkingTime {

    /** Counted time between two instants ({@code from <= to}). */
    Duration between(Instant from, Instant to);

    /** The instant at which {@code amount} of counted time has passed since {@code from}. */
    Instant plus(Instant from, Duration amount);

    /** Every hour counts: the default 24-hour rule. */
    WorkingTime CLOCK = new WorkingTime() {
        @Override
        public Duration between(Instant from, Instant to) {
            return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
        }

        @Override
        public Instant plus(Instant from, Duration amount) {
            return from.plus(amount);
        }
    };
}
