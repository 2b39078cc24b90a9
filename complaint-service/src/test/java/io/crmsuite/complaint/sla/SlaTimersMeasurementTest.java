package io.crmsuite.complaint.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.crmsuite.complaint.SlaTimersOf;
import io.crmsuite.complaint.complaint.Complaint;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A measurement, not a test: off unless {@code -Dcrm.measure=true}, and it asserts nothing (timings on a shared
 * machine are printed, never asserted). A burst of intakes whose checks all fall due in one bucket period, against
 * the in-memory stand-in: {@code crm.measure.timers} registrations (default 20,000) from one thread, then scans of
 * 500 until they are all taken. The application's own scan is paused.
 * <pre>./mvnw -pl complaint-service -am verify -Dtest=SlaTimersMeasurementTest -Dsurefire.failIfNoSpecifiedTests=false -Dcrm.measure=true</pre>
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "crm.measure", matches = "true")
class SlaTimersMeasurementTest {

    @Inject
    Scheduler scheduler;
    @Inject
    OtherReplica otherReplica;
    @Inject
    Clock clock;

    private final List<String> registered = new ArrayList<>();

    @BeforeEach
    void pauseTheApplicationsOwnScan() {
        scheduler.pause();
    }

    @AfterEach
    void forgetAndResume() {
        SlaTimersOf.forget(registered);
        scheduler.resume();
    }

    @Test
    void burstDueInOneBucketPeriod() {
        int count = Integer.getInteger("crm.measure.timers", 20_000);
        SlaTimers timers = otherReplica.timers();
        // an hour ahead, on a ten-second boundary: one bucket period of either layout (10 s before, 5 s after)
        Instant period = Instant.ofEpochSecond(clock.instant().plus(Duration.ofHours(1)).getEpochSecond() / 10 * 10);
        register(timers, period.minus(Duration.ofHours(2)), 2_000); // warm-up, another period
        long begin = System.nanoTime();
        Set<String> mine = new HashSet<>(register(timers, period, count));
        double saving = (System.nanoTime() - begin) / 1e9;
        System.out.printf(Locale.ROOT, "%,d saved() into one bucket period: %.2f s (%.0f/s)%n", count, saving,
                count / saving);

        Set<String> taken = new HashSet<>();
        int scans = 0;
        begin = System.nanoTime();
        List<String> ids;
        do {
            ids = timers.takeDue(period.plusSeconds(10), 500);
            ids.stream().filter(mine::contains).forEach(taken::add);
            scans++;
        } while (!ids.isEmpty() && scans < 1000);
        double scanning = (System.nanoTime() - begin) / 1e9;
        System.out.printf(Locale.ROOT, "taken %,d of them in %d scans of 500: %.2f s (%.1f ms a scan)%n", taken.size(),
                scans, scanning, scanning * 1000 / scans);
    }

    /** {@code count} complaints whose next check falls in the 5 seconds from {@code from}, spread over them. */
    private List<String> register(SlaTimers timers, Instant from, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Complaint c = new Complaint();
            c.id = UUID.randomUUID().toString();
            c.nextSlaCheckAt = from.plusMillis(i % 5000);
            timers.saved(c);
            ids.add(c.id);
        }
        registered.addAll(ids);
        return ids;
    }
}
