package io.crmsuite.analytics.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.crmsuite.analytics.store.Generations;
import io.crmsuite.platform.consumer.ConsumerHealth;
import io.crmsuite.platform.events.EventFactory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs, in every replica, the consumer groups the control document names (the live generation, and the one being
 * rebuilt), and follows its changes within a second. Any replica may make the switch once the rebuild's group has
 * committed up to the topics' ends as they were when the rebuild started; the group then simply goes on as the
 * live one, so no event falls between the two. The replaced generation is dropped half a minute later, when no
 * query reads it any more.
 */
@ApplicationScoped
public class GenerationWatcher {

    private static final Logger LOG = Logger.getLogger(GenerationWatcher.class);
    private static final Duration DROP_AFTER = Duration.ofSeconds(30);

    private final Generations generations;
    private final GroupOffsets offsets;
    private final BatchApplier applier;
    private final DeadLetters deadLetters;
    private final EventFactory events;
    private final ConsumerHealth health;
    private final Clock clock;
    private final String bootstrapServers;
    private final Map<Integer, GenerationConsumer> running = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private boolean unreachable;

    GenerationWatcher(Generations generations, GroupOffsets offsets, BatchApplier applier, DeadLetters deadLetters,
            EventFactory events, ConsumerHealth health, Clock clock,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.generations = generations;
        this.offsets = offsets;
        this.applier = applier;
        this.deadLetters = deadLetters;
        this.events = events;
        this.health = health;
        this.clock = clock;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent event) {
        follow();
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void everySecond() {
        follow();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        running.values().forEach(GenerationConsumer::stop);
        running.clear();
    }

    /** Runs the consumers the control document names; while MongoDB is unreachable, says so once and tries again. */
    synchronized void follow() {
        if (stopped) {
            return;
        }
        Generations.State state;
        try {
            state = generations.refresh();
            unreachable = false;
        } catch (RuntimeException e) {
            if (!unreachable) {
                LOG.warnf("cannot read which generation is live (%s); the consumers keep running, asked again every "
                        + "second", e.getMessage());
            }
            unreachable = true;
            if (running.isEmpty()) {
                return;
            }
            state = generations.state();
        }
        Set<Integer> wanted = new HashSet<>();
        wanted.add(state.active());
        if (state.building() != null) {
            wanted.add(state.building());
        }
        for (Integer number : Set.copyOf(running.keySet())) {
            if (!wanted.contains(number)) {
                running.remove(number).stop();
                dropIfFailedBuild(state, number);
            }
        }
        for (Integer number : wanted) {
            GenerationConsumer consumer = running.get(number);
            if (consumer == null || !consumer.isAlive()) {
                consumer = new GenerationConsumer(generations.generation(number), generations, applier, deadLetters,
                        events, health, bootstrapServers);
                running.put(number, consumer);
                consumer.start();
            }
        }
        if (state.building() != null) {
            switchIfCaughtUp(state);
        }
        if (state.previous() != null) {
            dropPrevious(state.previous());
        }
    }

    private void switchIfCaughtUp(Generations.State state) {
        Generations.Build build = state.build();
        if (build == null || build.generation() != state.building()) {
            return;
        }
        try {
            Map<TopicPartition, Long> committed = offsets.committed(generations.generation(build.generation())
                    .consumerGroup());
            boolean caughtUp = build.ends().entrySet().stream()
                    .allMatch(end -> end.getValue() == 0 || committed.getOrDefault(end.getKey(), 0L) >= end.getValue());
            if (caughtUp && generations.switchTo(build.generation(), state.active(), clock.instant())) {
                LOG.infof("rebuild %s done: generation %d is live, generation %d is dropped in %d s", build.id(),
                        build.generation(), state.active(), DROP_AFTER.toSeconds());
            }
        } catch (Exception e) {
            LOG.debugf("rebuild progress not readable now (%s); asked again in a second", e.getMessage());
        }
    }

    private void dropPrevious(int previous) {
        Instant switchedAt = generations.switchedAt();
        if (switchedAt != null && clock.instant().isAfter(switchedAt.plus(DROP_AFTER))
                && generations.forgetPrevious(previous)) {
            generations.generation(previous).drop();
            offsets.forget(generations.generation(previous).consumerGroup());
            LOG.infof("generation %d dropped", previous);
        }
    }

    /** A failed rebuild's generation goes once this replica stopped writing to it. */
    private void dropIfFailedBuild(Generations.State state, int number) {
        Generations.Build build = state.build();
        if (build != null && build.generation() == number && "FAILED".equals(build.state())) {
            generations.generation(number).drop();
            offsets.forget(generations.generation(number).consumerGroup());
        }
    }
}
