package io.crmsuite.analytics.ingest;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import com.mongodb.MongoException;

import io.crmsuite.analytics.store.Generation;
import io.crmsuite.analytics.store.Generations;
import io.crmsuite.events.CloudEvent;
import io.crmsuite.events.Topics;
import io.crmsuite.platform.consumer.ConsumerHealth;
import io.crmsuite.platform.consumer.InvalidEventException;
import io.crmsuite.platform.events.EventFactory;
import io.smallrye.faulttolerance.api.Guard;

/**
 * The consumer group of one generation: reads both topics in batches, applies each batch ({@link BatchApplier}),
 * parks what cannot be read, and commits the batch's offsets afterwards. A plain Kafka consumer rather than a
 * SmallRye channel: a rebuild runs a second group, created and dropped at run time, which channels (fixed by
 * configuration) cannot.
 * <p>
 * A failure of the store (or anything but an invalid event) is retried with exponential backoff for as long as
 * it lasts: the partitions are paused but still polled, so the consumer keeps its place in the group, nothing is
 * committed past the batch, and readiness is DOWN meanwhile. A generation being rebuilt retries store and broker
 * failures only; anything else fails the rebuild, with its reason, and the live generation stays.
 */
final class GenerationConsumer {

    private static final Logger LOG = Logger.getLogger(GenerationConsumer.class);
    private static final List<String> TOPICS = List.of(Topics.CUSTOMER_EVENTS, Topics.COMPLAINT_EVENTS);

    private final Generation generation;
    private final Generations generations;
    private final BatchApplier applier;
    private final DeadLetters deadLetters;
    private final EventFactory events;
    private final ConsumerHealth health;
    private final String bootstrapServers;
    private final String name;
    private final Guard guard;
    private volatile boolean running = true;
    private volatile boolean waiting;
    private final Map<TopicPartition, Long> committedPositions = new HashMap<>();
    private long lastCommitNanos;
    private Thread thread;
    private KafkaConsumer<String, String> consumer;

    GenerationConsumer(Generation generation, Generations generations, BatchApplier applier,
            DeadLetters deadLetters, EventFactory events, ConsumerHealth health, String bootstrapServers) {
        this.generation = generation;
        this.generations = generations;
        this.applier = applier;
        this.deadLetters = deadLetters;
        this.events = events;
        this.health = health;
        this.bootstrapServers = bootstrapServers;
        this.name = "analytics consumer of generation " + generation.number();
        this.guard = Guard.create().withRetry()
                .maxRetries(-1)
                .maxDuration(0, ChronoUnit.MILLIS) // no limit: an outage lasts as long as it lasts
                .delay(100, ChronoUnit.MILLIS)
                .jitter(50, ChronoUnit.MILLIS)
                .whenException(this::retryable)
                .beforeRetry(this::waitWithPartitionsPaused)
                .withExponentialBackoff().factor(2).maxDelay(5, ChronoUnit.SECONDS).done()
                .done().build();
    }

    int generationNumber() {
        return generation.number();
    }

    void start() {
        thread = new Thread(this::run, "analytics-g" + generation.number());
        thread.setDaemon(true);
        thread.start();
    }

    boolean isAlive() {
        return thread != null && thread.isAlive();
    }

    /** Stops after the batch in progress (waits up to 30 s for it). */
    void stop() {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        health.applied(name);
    }

    private void run() {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(properties())) {
            consumer = c;
            c.subscribe(TOPICS, new PauseWhileWaiting());
            guard.call(() -> {
                applier.completeJournals(generation);
                return null;
            }, Void.class);
            // a store outage at the start paused the partitions: no batch would ever come to resume them
            endWaiting();
            while (running) {
                ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    handle(records);
                }
                commitPositions(!records.isEmpty());
            }
        } catch (WakeupException e) {
            // stop() asked
        } catch (RebuildFailed e) {
            failBuild(e.getCause());
        } catch (Exception e) {
            if (running) {
                LOG.errorf(e, "%s stopped; it is started again within a second", name);
                health.waiting(name, e);
            }
        } finally {
            consumer = null;
        }
    }

    private void handle(ConsumerRecords<String, String> records) throws Exception {
        List<SourceEvent> batch = new ArrayList<>();
        List<BatchApplier.Invalid> unreadable = new ArrayList<>();
        Map<SourceEvent, ConsumerRecord<String, String>> recordOf = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                SourceEvent source = new SourceEvent(record.topic(), record.partition(), record.offset(),
                        read(record.value()));
                batch.add(source);
                recordOf.put(source, record);
            } catch (InvalidEventException e) {
                SourceEvent source = new SourceEvent(record.topic(), record.partition(), record.offset(), null);
                unreadable.add(new BatchApplier.Invalid(source, e.getMessage()));
                recordOf.put(source, record);
            }
        }
        try {
            guard.call(() -> {
                Set<TopicPartition> assigned = consumer.assignment();
                BatchApplier.Outcome outcome = applier.apply(generation, batch.stream()
                        .filter(s -> assigned.contains(new TopicPartition(s.topic(), s.partition()))).toList());
                List<BatchApplier.Invalid> invalid = new ArrayList<>(unreadable);
                invalid.addAll(outcome.invalid());
                park(invalid, recordOf);
                return null;
            }, Void.class);
        } catch (Exception e) {
            if (isBuilding()) {
                throw new RebuildFailed(e);
            }
            throw e;
        }
        endWaiting();
    }

    /** After an attempt that succeeded: partitions paused by a wait read again, and a wait ends. */
    private void endWaiting() {
        if (waiting) {
            waiting = false;
            consumer.resume(consumer.assignment());
        }
        health.applied(name);
    }

    /**
     * Invalid events go to the dead-letter topic from the live generation. A rebuild meets again the ones the
     * live consumer parked before it started: it counts them (they are not skipped silently) and parks only those
     * that arrived after its start, which the live consumer may not have reached before the switch.
     */
    private void park(List<BatchApplier.Invalid> invalid, Map<SourceEvent, ConsumerRecord<String, String>> recordOf) {
        if (invalid.isEmpty()) {
            return;
        }
        Generations.Build build = generations.state().build();
        boolean building = isBuilding();
        for (BatchApplier.Invalid i : invalid) {
            ConsumerRecord<String, String> record = recordOf.get(i.source());
            Long end = build == null ? null : build.ends().get(new TopicPartition(record.topic(), record.partition()));
            if (!building || end == null || record.offset() >= end) {
                deadLetters.park(record, i.reason());
            }
        }
        if (building) {
            generations.countInvalid(generation.number(), invalid.size());
        }
    }

    private CloudEvent read(String value) {
        try {
            CloudEvent event = events.parse(value);
            if (event.subject() == null || event.subject().isBlank()) {
                throw new InvalidEventException("event " + event.id() + " has no subject (the aggregate id)");
            }
            return event;
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException("not a CloudEvent: " + e.getMessage());
        }
    }

    /**
     * Commits how far each partition has been read and applied: the consumer's position, which also steps over the
     * markers the relays' transactions leave (an offset each), so a caught-up group's committed offsets reach the
     * topics' ends (the rebuild's switch compares them). After a batch at once; when idle, once a second.
     */
    private void commitPositions(boolean afterBatch) {
        long now = System.nanoTime();
        if (!afterBatch && now - lastCommitNanos < 1_000_000_000L) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            long position = consumer.position(tp);
            Long committed = committedPositions.get(tp);
            if (committed == null || position > committed) {
                offsets.put(tp, new OffsetAndMetadata(position));
            }
        }
        lastCommitNanos = now;
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
            offsets.forEach((tp, meta) -> committedPositions.put(tp, meta.offset()));
        } catch (KafkaException e) {
            // a rebalance or a broker outage: the batch is applied, its redelivery will be skipped by offset
            LOG.debugf("%s could not commit (%s); a redelivery of the batch changes nothing", name, e.getMessage());
        }
    }

    /** Between two attempts: the partitions stay where they are, and polling keeps this consumer in its group. */
    private void waitWithPartitionsPaused(Throwable cause) {
        health.waiting(name, cause);
        waiting = true;
        consumer.pause(consumer.assignment());
        ConsumerRecords<String, String> stray = consumer.poll(Duration.ZERO);
        for (TopicPartition tp : stray.partitions()) { // a partition assigned meanwhile: read it again later
            consumer.seek(tp, stray.records(tp).get(0).offset());
        }
    }

    private boolean retryable(Throwable failure) {
        if (failure instanceof InvalidEventException || !running) {
            return false;
        }
        return !isBuilding() || failure instanceof MongoException || failure instanceof KafkaException;
    }

    private boolean isBuilding() {
        Integer building = generations.state().building();
        return building != null && building == generation.number();
    }

    private void failBuild(Throwable cause) {
        String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        LOG.errorf(cause, "rebuild of generation %d failed; generation %d stays live", generation.number(),
                generations.state().active());
        generations.failBuild(generation.number(), reason, java.time.Instant.now());
        health.applied(name);
        running = false;
    }

    private Map<String, Object> properties() {
        return Map.ofEntries(Map.entry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                Map.entry(ConsumerConfig.GROUP_ID_CONFIG, generation.consumerGroup()),
                Map.entry(ConsumerConfig.CLIENT_ID_CONFIG, "analytics-g" + generation.number() + "-" + UUID.randomUUID()),
                Map.entry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                Map.entry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Map.entry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500),
                // the relays publish in Kafka transactions: only what they committed is read (EventPublisher)
                Map.entry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                // a replica killed outright holds its partitions until the session lapses: 10 s, not the default 45
                Map.entry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000),
                Map.entry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000),
                Map.entry(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class),
                Map.entry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }

    /** Partitions assigned while the consumer waits for its store are paused too. */
    private final class PauseWhileWaiting implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // the batch in progress keeps only the partitions still assigned
            partitions.forEach(committedPositions::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (waiting) {
                consumer.pause(partitions);
            }
        }
    }

    /** A generation being rebuilt met a failure that waiting will not cure. */
    private static final class RebuildFailed extends RuntimeException {
        RebuildFailed(Throwable cause) {
            super(cause);
        }
    }
}
