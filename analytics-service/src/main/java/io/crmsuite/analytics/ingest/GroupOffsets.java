package io.crmsuite.analytics.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.crmsuite.events.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What Kafka knows about the generations' consumer groups: the topics' ends and how far a group has committed.
 * How far a rebuild is, and when it has caught up, is read here, whichever replica applied the events.
 */
@ApplicationScoped
public class GroupOffsets {

    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;

    GroupOffsets(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "analytics-generations",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS)));
    }

    /** The next offset of every partition of both topics: what a rebuild must reach. */
    public Map<TopicPartition, Long> ends() throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        var topics = admin.describeTopics(List.of(Topics.CUSTOMER_EVENTS, Topics.COMPLAINT_EVENTS)).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        topics.values().forEach(t -> t.partitions()
                .forEach(p -> partitions.add(new TopicPartition(t.name(), p.partition()))));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** The offsets {@code group} has committed (a partition it has not committed yet is absent). */
    public Map<TopicPartition, Long> committed(String group) throws Exception {
        Map<TopicPartition, Long> committed = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        offsets.forEach((tp, meta) -> {
            if (meta != null) {
                committed.put(tp, meta.offset());
            }
        });
        return committed;
    }

    /** Events {@code group} has committed up to the {@code ends}, summed over the partitions. */
    public long reached(String group, Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, Long> committed = committed(group);
        long reached = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            reached += Math.min(end.getValue(), committed.getOrDefault(end.getKey(), 0L));
        }
        return reached;
    }

    /** Removes a group nobody consumes with any more (best effort: it may still have members for a moment). */
    public void forget(String group) {
        try {
            admin.deleteConsumerGroups(List.of(group)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            // still in use or already gone: harmless, an empty group holds only offsets
        }
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
