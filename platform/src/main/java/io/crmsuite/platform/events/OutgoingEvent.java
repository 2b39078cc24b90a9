package io.crmsuite.platform.events;

/** A stored event waiting to be relayed: its topic, its key (the aggregate id) and the CloudEvent JSON. */
public record OutgoingEvent(String topic, String key, String json) {
}
