package io.crmsuite.analytics.ingest;

import io.crmsuite.events.CloudEvent;
import io.crmsuite.events.Topics;

/**
 * An event with where it was read: its topic, partition and offset. The partition names the shard of the day
 * buckets it goes to, and the offset is what makes applying it exactly-once.
 */
public record SourceEvent(String topic, int partition, long offset, CloudEvent event) {

    /** {@code c0}, {@code c1}, ... for complaint.events partitions, {@code u0}, ... for customer.events. */
    public String shard() {
        return (Topics.COMPLAINT_EVENTS.equals(topic) ? "c" : "u") + partition;
    }

    public boolean isComplaint() {
        return Topics.COMPLAINT_EVENTS.equals(topic);
    }
}
