package io.crmsuite.analytics.ingest;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.crmsuite.analytics.store.Generations;
import io.crmsuite.events.CloudEvent;
import io.crmsuite.platform.events.EventFactory;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The live consumers of both topics. Offsets are committed after an event is applied; an event that cannot be
 * read or applied is sent to the dead-letter topic with the reason, and the partition moves on.
 */
@ApplicationScoped
public class EventConsumers {

    public static final String CUSTOMER_EVENTS = "customer-events";
    public static final String COMPLAINT_EVENTS = "complaint-events";

    private final EventFactory events;
    private final EventApplier applier;
    private final Generations generations;

    EventConsumers(EventFactory events, EventApplier applier, Generations generations) {
        this.events = events;
        this.applier = applier;
        this.generations = generations;
    }

    @Incoming(CUSTOMER_EVENTS)
    @Blocking
    public void customerEvent(String message) throws Exception {
        apply(message);
    }

    @Incoming(COMPLAINT_EVENTS)
    @Blocking
    public void complaintEvent(String message) throws Exception {
        apply(message);
    }

    private void apply(String message) throws Exception {
        CloudEvent event = events.parse(message);
        generations.withActive(g -> applier.apply(g, event));
    }
}
