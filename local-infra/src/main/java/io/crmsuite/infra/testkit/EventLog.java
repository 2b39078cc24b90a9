package io.crmsuite.infra.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning with a plain Kafka consumer, as any integrator would, and keeps what it saw.
 * Tests use it to check the events a service really published.
 * <p>
 * Every wait is an assertion: {@link #await} fails with an {@link AssertionError} listing what did arrive when
 * fewer records than asked for came in time, so a test cannot go on with a partial list by mistake.
 * {@link #awaitExactly} also fails when more arrived, which is how a test says "each once, none twice".
 */
public final class EventLog implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    /** How much of a record's value an assertion message shows. */
    private static final int SHOWN_CHARS = 160;

    private final String topic;
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public EventLog(String bootstrapServers, String topic) {
        this.topic = topic;
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** {@link #await} for the records with this key, in the order they were published. */
    public List<ConsumerRecord<String, String>> awaitKey(String key, int count, Duration timeout) {
        return await(withKey(key), count, timeout);
    }

    /**
     * Polls until at least {@code count} matching records arrived and returns every matching record seen, in
     * order (more than {@code count} when more had arrived). Throws an {@link AssertionError} listing the matching
     * records seen when fewer than {@code count} arrived within {@code timeout}.
     */
    public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> match, int count,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, String>> matching = matching(match);
        while (matching.size() < count && System.nanoTime() < deadline) {
            poll();
            matching = matching(match);
        }
        if (matching.size() < count) {
            throw new AssertionError("expected at least " + count + " matching records on " + topic + " within "
                    + timeout + ", " + describe(matching));
        }
        return matching;
    }

    /**
     * Waits for {@code count} matching records as {@link #await} does, then keeps reading for {@code quiet} and to
     * the end of the topic, and returns the matching records: an {@link AssertionError} unless there are exactly
     * {@code count}. A record published twice counts twice, so a duplicate fails.
     * <p>
     * Reading to the end means nothing published before the quiet time is over can be missed, however slow the
     * consumer; a copy published later is not seen. Where the producer can tell it is done (an outbox row marked
     * sent is never sent again), wait for that first and pass {@link Duration#ZERO}.
     */
    public List<ConsumerRecord<String, String>> awaitExactly(Predicate<ConsumerRecord<String, String>> match, int count,
            Duration timeout, Duration quiet) {
        await(match, count, timeout);
        List<ConsumerRecord<String, String>> matching = settle(match, quiet);
        if (matching.size() != count) {
            throw new AssertionError("expected exactly " + count + " matching records on " + topic + ", "
                    + describe(matching));
        }
        return matching;
    }

    /**
     * Keeps polling for {@code quiet}, then reads to the end of the topic, and returns every matching record: to
     * prove nothing more arrives. Call it after a wait for what must arrive: on its own it proves nothing.
     */
    public List<ConsumerRecord<String, String>> settle(Predicate<ConsumerRecord<String, String>> match, Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            poll();
        }
        readToEnd();
        return matching(match);
    }

    /**
     * Reads everything on the topic up to its current end and returns the matching records: deterministic once the
     * producer has been acknowledged (e.g. an outbox with nothing left to send), with no quiet period to guess.
     */
    public List<ConsumerRecord<String, String>> readToEnd(Predicate<ConsumerRecord<String, String>> match) {
        readToEnd();
        return matching(match);
    }

    /** A record with this key. */
    public static Predicate<ConsumerRecord<String, String>> withKey(String key) {
        return r -> key.equals(r.key());
    }

    /** Polls until this consumer has read every record the topic held when called. */
    private void readToEnd() {
        Duration timeout = Duration.ofSeconds(30);
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("could not read " + topic + " to its end " + end + " within " + timeout);
            }
            poll();
        }
    }

    private void poll() {
        consumer.poll(POLL).forEach(seen::add);
    }

    private List<ConsumerRecord<String, String>> matching(Predicate<ConsumerRecord<String, String>> match) {
        return seen.stream().filter(match).toList();
    }

    private String describe(List<ConsumerRecord<String, String>> matching) {
        String records = matching.stream()
                .map(r -> "\n  " + r.partition() + "@" + r.offset() + " key=" + r.key() + " " + shorten(r.value()))
                .collect(Collectors.joining());
        return "saw " + matching.size() + " (of " + seen.size() + " records read):" + records;
    }

    private static String shorten(String value) {
        return value == null || value.length() <= SHOWN_CHARS ? value : value.substring(0, SHOWN_CHARS) + "...";
    }

    @Override
    public void close() {
        consumer.close();
    }
}
