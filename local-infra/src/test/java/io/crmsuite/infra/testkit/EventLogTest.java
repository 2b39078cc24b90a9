package io.crmsuite.infra.testkit;

import static io.crmsuite.infra.testkit.EventLog.withKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.crmsuite.infra.KafkaBroker;
import io.crmsuite.infra.Ports;

/** The waits of {@link EventLog} against a real broker: each one fails rather than return a short list. */
class EventLogTest {

    private static final String TOPIC = "test.events";
    private static final Duration WAIT = Duration.ofSeconds(30);

    static {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // the broker's INFO lines
    }

    private static KafkaBroker broker;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new KafkaBroker(Ports.free(), Ports.free(), Files.createTempDirectory("event-log-test").resolve("kafka"));
        broker.start();
        broker.createTopics(List.of(TOPIC), 3);
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()), new StringSerializer(),
                new StringSerializer());
    }

    @AfterAll
    static void stopBroker() {
        producer.close();
        broker.stop();
    }

    @Test
    void awaitReturnsTheRecordsOfAKeyInTheOrderTheyWerePublished() throws Exception {
        String key = UUID.randomUUID().toString();
        publish(key, "first");
        publish(UUID.randomUUID().toString(), "another key");
        publish(key, "second");
        try (EventLog log = new EventLog(broker.bootstrapServers(), TOPIC)) {
            assertEquals(List.of("first", "second"), values(log.awaitKey(key, 2, WAIT)));
        }
    }

    @Test
    void awaitFailsListingWhatArrivedWhenFewerCameInTime() throws Exception {
        String key = UUID.randomUUID().toString();
        publish(key, "only one");
        try (EventLog log = new EventLog(broker.bootstrapServers(), TOPIC)) {
            AssertionError e = assertThrows(AssertionError.class, () -> log.awaitKey(key, 2, Duration.ofSeconds(1)));
            assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
            assertTrue(e.getMessage().contains("saw 1 "), e.getMessage());
            assertTrue(e.getMessage().contains("key=" + key + " only one"), e.getMessage());
        }
    }

    @Test
    void awaitExactlyReturnsRecordsThatEachArrivedOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        publish(key, "a");
        publish(key, "b");
        try (EventLog log = new EventLog(broker.bootstrapServers(), TOPIC)) {
            assertEquals(List.of("a", "b"), values(log.awaitExactly(withKey(key), 2, WAIT, Duration.ZERO)));
        }
    }

    /** Both copies are on the topic before the call: reading to its end finds the second whatever the timing. */
    @Test
    void awaitExactlyFailsOnADuplicate() throws Exception {
        String key = UUID.randomUUID().toString();
        publish(key, "a");
        publish(key, "a");
        try (EventLog log = new EventLog(broker.bootstrapServers(), TOPIC)) {
            AssertionError e = assertThrows(AssertionError.class,
                    () -> log.awaitExactly(withKey(key), 1, WAIT, Duration.ZERO));
            assertTrue(e.getMessage().contains("exactly 1"), e.getMessage());
            assertTrue(e.getMessage().contains("saw 2 "), e.getMessage());
        }
    }

    @Test
    void settleSeesEverythingPublishedBeforeItWasCalled() throws Exception {
        String key = UUID.randomUUID().toString();
        for (int i = 0; i < 50; i++) {
            publish(key, "v" + i);
        }
        try (EventLog log = new EventLog(broker.bootstrapServers(), TOPIC)) {
            assertEquals(50, log.settle(withKey(key), Duration.ZERO).size());
        }
    }

    private static void publish(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(TOPIC, key, value)).get(); // on the topic once this returns
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }
}
