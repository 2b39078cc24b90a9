package io.crmsuite.events;

import java.util.List;

/** The Kafka topics of the suite. Events are keyed by aggregate id so one aggregate's events stay in order. */
public final class Topics {

    public static final String CUSTOMER_EVENTS = "customer.events";
    public static final String COMPLAINT_EVENTS = "complaint.events";
    /** Where complaint-service parks customer events it cannot apply. */
    public static final String COMPLAINT_DEAD_LETTER = "complaint-service.dead-letter";
    /** Where analytics-service parks events it cannot apply. */
    public static final String ANALYTICS_DEAD_LETTER = "analytics-service.dead-letter";
    /** Where webhook-service parks events it cannot turn into deliveries. */
    public static final String WEBHOOK_DEAD_LETTER = "webhook-service.dead-letter";

    public static final int PARTITIONS = 3;

    public static final List<String> ALL = List.of(CUSTOMER_EVENTS, COMPLAINT_EVENTS, COMPLAINT_DEAD_LETTER,
            ANALYTICS_DEAD_LETTER, WEBHOOK_DEAD_LETTER);

    private Topics() {
    }
}
