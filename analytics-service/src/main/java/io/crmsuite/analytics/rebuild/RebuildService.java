package io.crmsuite.analytics.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.crmsuite.analytics.ingest.EventApplier;
import io.crmsuite.analytics.store.Generation;
import io.crmsuite.analytics.store.Generations;
import io.crmsuite.events.Topics;
import io.crmsuite.platform.events.EventFactory;
import io.crmsuite.platform.problem.ProblemException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Rebuilds the state from the topics: replays both from the beginning into a fresh generation while queries keep
 * answering from the active one, follows the topics until it has caught up, then holds the live consumers back
 * for a last catch-up and switches, so the new state misses no event. Events that cannot be applied are skipped
 * and counted (the live consumer has already parked them on the dead-letter topic).
 */
@ApplicationScoped
public class RebuildService {

    private static final Logger LOG = Logger.getLogger(RebuildService.class);

    /** Where a rebuild is; {@code total} is the number of events on the topics when it started. */
    public record Progress(String id, String state, Instant startedAt, Instant finishedAt, long applied, long skipped,
            long total, Double percent, int generation, String error) {
    }

    private final AtomicReference<Progress> progress = new AtomicReference<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "analytics-rebuild"));
    private final Generations generations;
    private final EventApplier applier;
    private final EventFactory events;
    private final String bootstrapServers;

    RebuildService(Generations generations, EventApplier applier, EventFactory events,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.generations = generations;
        this.applier = applier;
        this.events = events;
        this.bootstrapServers = bootstrapServers;
    }

    public synchronized Progress start() {
        Progress current = progress.get();
        if (current != null && "RUNNING".equals(current.state())) {
            throw ProblemException.of(409, "a rebuild is already running: " + current.id());
        }
        Generation target = generations.next();
        Progress started = new Progress(UUID.randomUUID().toString(), "RUNNING", Instant.now(), null, 0, 0, 0, 0.0,
                target.number(), null);
        progress.set(started);
        worker.submit(() -> run(started, target));
        return started;
    }

    public Progress status() {
        Progress p = progress.get();
        if (p == null) {
            throw ProblemException.notFound("rebuild (none was started since this instance started)");
        }
        return p;
    }

    private void run(Progress started, Generation target) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.CUSTOMER_EVENTS, Topics.COMPLAINT_EVENTS)) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long total = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            Replay replay = new Replay(consumer, target, started, total);
            int quietPolls = 0;
            while (quietPolls < 2) {
                replay.pollOnce();
                quietPolls = replay.reached(consumer.endOffsets(partitions)) ? quietPolls + 1 : 0;
            }
            // the last events, read with the live consumers held back, then the switch
            generations.switchTo(target, () -> {
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!replay.reached(ends)) {
                    if (System.nanoTime() > deadline) { // Kafka went away: keep the old state, let consumers go on
                        throw new IllegalStateException("could not read the topics' last events within 60 s");
                    }
                    replay.pollOnce();
                }
            });
            progress.set(new Progress(started.id(), "DONE", started.startedAt(), Instant.now(), replay.applied,
                    replay.skipped, total, 100.0, target.number(), null));
            LOG.infof("rebuild %s done: %d events applied, %d skipped; generation %d active", started.id(),
                    replay.applied, replay.skipped, target.number());
        } catch (Exception e) {
            LOG.error("rebuild failed", e);
            Progress p = progress.get();
            progress.set(new Progress(started.id(), "FAILED", started.startedAt(), Instant.now(), p.applied(),
                    p.skipped(), p.total(), p.percent(), target.number(), e.toString()));
        }
    }

    /** Reads the topics from the start into the target generation and reports how far it is. */
    private final class Replay {
        private final KafkaConsumer<String, String> consumer;
        private final Generation target;
        private final Progress started;
        private final long total;
        long applied;
        long skipped;

        Replay(KafkaConsumer<String, String> consumer, Generation target, Progress started, long total) {
            this.consumer = consumer;
            this.target = target;
            this.started = started;
            this.total = total;
        }

        void pollOnce() {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                try {
                    applier.apply(target, events.parse(record.value()));
                    applied++;
                } catch (Exception e) {
                    skipped++;
                }
            }
            progress.set(new Progress(started.id(), "RUNNING", started.startedAt(), null, applied, skipped, total,
                    total == 0 ? 100.0 : Math.min(100.0, Math.round(1000.0 * (applied + skipped) / total) / 10.0),
                    target.number(), null));
        }

        boolean reached(Map<TopicPartition, Long> ends) {
            return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
