package io.crmsuite.complaint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.crmsuite.complaint.complaint.Enums.Category;
import io.crmsuite.complaint.complaint.Enums.Channel;
import io.crmsuite.complaint.complaint.Enums.Severity;
import io.crmsuite.complaint.intake.IntakeRequest;
import io.crmsuite.complaint.intake.IntakeService;
import io.crmsuite.platform.http.Caller;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A measurement, not a test: off unless {@code -Dcrm.measure=true}, and it asserts nothing (timings on a shared
 * machine are printed, never asserted). Intake through the service (no HTTP) against the in-memory stand-in:
 * {@code crm.measure.waiting} complaints (default 10,000) from callers who all give one placeholder phone, then
 * alternating rounds of distinct phones and the shared phone, and the ratio of their rates. The suite's own figures
 * come from {@code bench/run.sh complaints} (see the README).
 * <pre>./mvnw -pl complaint-service -am verify -Dtest=IntakeRateMeasurementTest -Dsurefire.failIfNoSpecifiedTests=false -Dcrm.measure=true</pre>
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "crm.measure", matches = "true")
class IntakeRateMeasurementTest {

    private static final Caller CALLER = Caller.of("measure", null, null);
    private static final int THREADS = 4;
    private static final int ROUND = 1000;

    @Inject
    IntakeService intake;

    @Test
    void sharedPhoneAgainstDistinctPhones() throws Exception {
        int waiting = Integer.getInteger("crm.measure.waiting", 10_000);
        String shared = "+5511900000000";
        AtomicInteger distinct = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            rate(pool, ROUND, () -> "+5511" + (800_000_000 + distinct.incrementAndGet())); // warm-up
            double seeding = rate(pool, waiting, () -> shared);
            System.out.printf(Locale.ROOT, "seeded %,d waiting complaints on one phone at %.0f intakes/s%n", waiting,
                    seeding);
            double distinctSum = 0;
            double sharedSum = 0;
            for (int round = 0; round < 4; round++) {
                double d = rate(pool, ROUND, () -> "+5511" + (800_000_000 + distinct.incrementAndGet()));
                double s = rate(pool, ROUND, () -> shared);
                System.out.printf(Locale.ROOT, "round %d: distinct phones %.0f/s, shared phone %.0f/s%n", round, d, s);
                distinctSum += d;
                sharedSum += s;
            }
            System.out.printf(Locale.ROOT, "intake with a shared phone at %,d+ waiting: %.2f of the distinct-phone rate%n",
                    waiting, sharedSum / distinctSum);
        } finally {
            pool.shutdown();
        }
    }

    /** Intakes per second of {@code count} intakes from {@link #THREADS} threads. */
    private double rate(ExecutorService pool, int count, java.util.function.Supplier<String> phone) throws Exception {
        AtomicInteger left = new AtomicInteger(count);
        long start = System.nanoTime();
        List<Future<?>> runs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            runs.add(pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    intake.intake(new IntakeRequest(null, new IntakeRequest.Contact(phone.get(), null), Channel.PHONE,
                            Category.DELIVERY, Severity.HIGH, "Parcel arrived broken", "measure",
                            "M-" + UUID.randomUUID(), null, null), null, CALLER);
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
