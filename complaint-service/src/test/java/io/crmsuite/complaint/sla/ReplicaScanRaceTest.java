package io.crmsuite.complaint.sla;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.crmsuite.complaint.Fixtures;
import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.events.EventTypes;
import io.crmsuite.infra.testkit.EventLog;
import io.crmsuite.infra.testkit.TestClock;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Two replicas scanning the same complaints at the same moment: each replica has its own timers state, as two
 * processes would; the complaints and their conditional saves are shared. Each warning and breach is recorded
 * once, whoever wins, and reaches Kafka once. The application's own scheduled scan is paused, so the counts are
 * exactly those of the two replicas.
 */
@QuarkusTest
class ReplicaScanRaceTest {

    @Inject
    Scheduler scheduler;
    @Inject
    OtherReplica otherReplica;

    @BeforeEach
    void pauseTheApplicationsOwnScan() {
        scheduler.pause();
    }

    @AfterEach
    void resumeAndResetClock() {
        TestClock.CLOCK.reset();
        scheduler.resume();
    }

    @Test
    void twoReplicasRacingRecordEachWarningAndBreachOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(Fixtures.create());
        }
        TestClock.CLOCK.advance(Duration.ofHours(25));
        List<SlaScanner> replicas = List.of(otherReplica.scanner(), otherReplica.scanner());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(replicas.size());
        List<Future<List<SlaScanner.Result>>> runs = new ArrayList<>();
        for (SlaScanner replica : replicas) {
            runs.add(threads.submit(() -> {
                start.await();
                List<SlaScanner.Result> results = new ArrayList<>();
                for (int scan = 0; scan < 3; scan++) {
                    results.add(replica.scan());
                }
                return results;
            }));
        }
        start.countDown();
        int lostRaces = 0;
        for (Future<List<SlaScanner.Result>> run : runs) {
            for (SlaScanner.Result result : run.get()) { // get(): a scan that threw fails the test
                lostRaces += result.lostRaces();
            }
        }
        threads.shutdown();
        // a save that lost its race leaves its complaint to the next scan of either replica
        for (int scan = 0; scan < 3; scan++) {
            replicas.get(scan % 2).scan();
        }

        // other tests' complaints fall due too when the clock moves a day, so the checks are per complaint:
        // version 3 = received + one warning + one breach, whichever replica wrote them
        for (String id : ids) {
            assertEquals(3, Complaint.<Complaint>findById(id).version, id + ": received, warning, breach");
        }
        System.out.println("replica scan race: " + lostRaces + " conditional saves lost their race");
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream()
                .allMatch(id -> Complaint.<Complaint>findById(id).pendingSince == null));
        try (EventLog log = new EventLog(Fixtures.bootstrap(),
                io.crmsuite.events.Topics.COMPLAINT_EVENTS)) {
            Map<String, List<String>> typesById = new HashMap<>();
            for (ConsumerRecord<String, String> r : log.readToEnd(r -> ids.contains(r.key()))) {
                typesById.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(Fixtures.typeOf(r));
            }
            for (String id : ids) {
                assertEquals(List.of(EventTypes.COMPLAINT_RECEIVED, EventTypes.COMPLAINT_SLA_WARNING,
                        EventTypes.COMPLAINT_SLA_BREACHED), typesById.get(id), id);
            }
        }
    }
}
