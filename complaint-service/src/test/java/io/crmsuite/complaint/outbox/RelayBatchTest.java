package io.crmsuite.complaint.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.crmsuite.complaint.Fixtures;
import io.crmsuite.complaint.MongoOperations;
import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.infra.testkit.EventLog;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The relay sends what waits in one Kafka transaction and marks it sent in one bulk write, whatever the number of
 * complaints: here forty taken in while the relay was held, then one pass.
 */
@QuarkusTest
class RelayBatchTest {

    private static final int COMPLAINTS = 40;

    @Inject
    OutboxRelay relay;

    @AfterEach
    void stopRecording() {
        MongoOperations.stop();
    }

    @Test
    void complaintsWrittenBetweenTwoPassesAreSentTogetherAndMarkedInOneWrite() {
        List<String> ids = new ArrayList<>();
        relay.holding(() -> {
            for (int i = 0; i < COMPLAINTS; i++) {
                ids.add(Fixtures.create());
            }
            MongoOperations.start();
        });
        await().pollInSameThread().atMost(Duration.ofSeconds(30))
                .until(() -> ids.stream().allMatch(id -> Complaint.<Complaint>findById(id).pendingSince == null));
        MongoOperations.stop();

        List<MongoOperations.Operation> relayed = MongoOperations.sentByOthers(Thread.currentThread()).stream()
                .filter(o -> ids.stream().anyMatch(o.json()::contains)).toList();
        assertEquals(List.of("update complaints"), relayed.stream().map(MongoOperations.Operation::name).toList(),
                "one bulk write for the whole pass, and nothing read back");
        assertEquals(true, ids.stream().allMatch(relayed.get(0).json()::contains), "it marks every complaint");
        for (String id : ids) {
            Complaint stored = Complaint.findById(id);
            assertEquals(List.of(), stored.pendingEvents, id);
        }
        try (EventLog log = Fixtures.complaintEvents()) {
            Set<String> keys = Set.copyOf(ids);
            log.await(r -> keys.contains(r.key()), COMPLAINTS, Duration.ofSeconds(30));
            List<ConsumerRecord<String, String>> sent = log.settle(r -> keys.contains(r.key()), Duration.ofSeconds(1));
            assertEquals(keys, sent.stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
            assertEquals(COMPLAINTS, sent.size(), "each complaint.received once");
        }
    }
}
