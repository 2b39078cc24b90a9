package io.crmsuite.complaint.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.crmsuite.complaint.Fixtures;
import io.crmsuite.complaint.MongoOperations;
import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.handling.ActionRequests;
import io.crmsuite.complaint.handling.HandlingService;
import io.crmsuite.complaint.handling.Precondition;
import io.crmsuite.platform.events.EventPublisher;
import io.crmsuite.platform.events.OutgoingEvent;
import io.crmsuite.platform.http.Caller;
import io.quarkus.test.junit.QuarkusMock;
import io.crmsuite.infra.testkit.EventLog;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The relay sends what waits in one Kafka transaction and marks it sent in one bulk write, whatever the number of
 * complaints: here forty taken in while the relay was held, then one pass. What it has sent it does not send again
 * when a write that read the complaint meanwhile hands the same events over.
 */
@QuarkusTest
class RelayBatchTest {

    private static final int COMPLAINTS = 40;

    @Inject
    OutboxRelay relay;
    @Inject
    HandlingService handling;

    /**
     * Stands in for Kafka: takes every event and remembers {@code "<key> v<version>"}; while the first pass that
     * holds {@code trigger} is being sent, runs {@code meanwhile} (as a write that read the complaint then would).
     */
    static final class ActingDuringSend extends EventPublisher {
        final List<String> sent = Collections.synchronizedList(new ArrayList<>());
        volatile String trigger;
        private final Runnable meanwhile;
        private boolean acted;

        ActingDuringSend(Runnable meanwhile) {
            super(Fixtures.bootstrap(), "outbox-relay-test");
            this.meanwhile = meanwhile;
        }

        @Override
        public int publish(List<OutgoingEvent> batch) {
            if (!acted && batch.stream().anyMatch(e -> e.key().equals(trigger))) {
                acted = true;
                meanwhile.run();
            }
            for (OutgoingEvent e : batch) {
                try {
                    sent.add(e.key() + " v" + JSON.readTree(e.json()).path("aggregateversion").asLong());
                } catch (java.io.IOException ex) {
                    throw new AssertionError(ex);
                }
            }
            return batch.size();
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Test
    void eventsAWriteHandsOverAgainWhileTheyAreBeingSentAreNotSentTwice() {
        Caller caller = Caller.of(Fixtures.CLIENT, "agent-7", null);
        List<String> id = new ArrayList<>();
        // the acknowledgement reads the complaint while its received event is on its way, not yet pulled: the write
        // hands the relay both events
        ActingDuringSend kafka = new ActingDuringSend(() -> handling.acknowledge(id.get(0),
                new ActionRequests.Acknowledge("on it", null), caller, Precondition.of(null, null, null, caller)));
        QuarkusMock.installMockForType(kafka, EventPublisher.class);
        relay.holding(() -> {
            id.add(Fixtures.create());
            kafka.trigger = id.get(0);
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Complaint c = Complaint.findById(id.get(0));
            return c.version == 2 && c.pendingSince == null;
        });
        assertEquals(List.of(id.get(0) + " v1", id.get(0) + " v2"),
                kafka.sent.stream().filter(s -> s.startsWith(id.get(0))).toList());
    }

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
