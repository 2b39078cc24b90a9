package io.crmsuite.analytics;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import io.crmsuite.analytics.ingest.GroupOffsets;
import io.crmsuite.analytics.store.Generations;

/**
 * Waits until the live generation's consumer group has applied and committed everything on the topics: after
 * that, a query's answer is final, so a test compares once instead of hoping a few counts imply the rest.
 */
final class Ingestion {

    private Ingestion() {
    }

    static void awaitCaughtUp(Generations generations, GroupOffsets offsets) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String group = generations.active().consumerGroup();
            Map<TopicPartition, Long> ends = offsets.ends();
            Map<TopicPartition, Long> committed = offsets.committed(group);
            return ends.entrySet().stream().allMatch(e -> committed.getOrDefault(e.getKey(), 0L) >= e.getValue());
        });
    }
}
