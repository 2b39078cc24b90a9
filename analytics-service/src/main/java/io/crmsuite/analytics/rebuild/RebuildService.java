package io.crmsuite.analytics.rebuild;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.crmsuite.analytics.ingest.GroupOffsets;
import io.crmsuite.analytics.store.Generations;
import io.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Rebuilds the state from the topics: a new generation with a consumer group of its own reads both topics from
 * the beginning, in every replica, while queries answer from the live generation; once the new group has reached
 * the topics' ends as they were at the start, the new generation becomes live (see GenerationWatcher). Progress
 * comes from Kafka (the group's committed offsets) and MongoDB (the control document), so any replica answers it.
 */
@ApplicationScoped
public class RebuildService {

    private static final Logger LOG = Logger.getLogger(RebuildService.class);

    /**
     * Where a rebuild is: {@code total} events were on the topics when it started, {@code applied} of them are
     * done; {@code invalid} ones were met (the live consumer had parked them on the dead-letter topic).
     */
    public record Progress(String id, String state, Instant startedAt, Instant finishedAt, long applied,
            long invalid, long total, Double percent, int generation, int liveGeneration, String error) {
    }

    private final Generations generations;
    private final GroupOffsets offsets;
    private final Clock clock;

    RebuildService(Generations generations, GroupOffsets offsets, Clock clock) {
        this.generations = generations;
        this.offsets = offsets;
        this.clock = clock;
    }

    public Progress start() {
        Map<TopicPartition, Long> ends;
        try {
            ends = offsets.ends();
        } catch (Exception e) {
            throw ProblemException.of(503, "Kafka did not say where the topics end (" + e.getMessage()
                    + "); nothing was started, try again");
        }
        String id = UUID.randomUUID().toString();
        if (!generations.beginBuild(id, ends, clock.instant())) {
            Generations.Build running = generations.state().build();
            throw ProblemException.of(409, "a rebuild is already running: " + (running == null ? "" : running.id()));
        }
        LOG.infof("rebuild %s started: generation %d replays %d events", id, generations.state().building(),
                ends.values().stream().mapToLong(Long::longValue).sum());
        return status();
    }

    public Progress status() {
        Generations.State state = generations.refresh();
        Generations.Build build = state.build();
        if (build == null) {
            throw ProblemException.notFound("rebuild (none was ever started)");
        }
        long total = build.ends().values().stream().mapToLong(Long::longValue).sum();
        long applied = total;
        if ("RUNNING".equals(build.state()) || "FAILED".equals(build.state())) {
            try {
                applied = offsets.reached(generations.generation(build.generation()).consumerGroup(), build.ends());
            } catch (Exception e) {
                throw ProblemException.of(503, "Kafka did not say how far the rebuild is (" + e.getMessage() + ")");
            }
        }
        double percent = total == 0 ? 100.0 : Math.round(1000.0 * applied / total) / 10.0;
        return new Progress(build.id(), build.state(), build.startedAt(), build.finishedAt(), applied,
                build.invalid(), total, percent, build.generation(), state.active(), build.error());
    }
}
