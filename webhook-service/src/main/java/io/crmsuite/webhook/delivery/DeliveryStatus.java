package io.crmsuite.webhook.delivery;

/** Where a delivery stands. */
public enum DeliveryStatus {
    /** Not delivered yet: due, waiting for its next attempt, or waiting behind an earlier delivery of its subject. */
    PENDING,
    /** A receiver answered 2xx. */
    DELIVERED,
    /** Every attempt within the retry window failed. */
    FAILED
}
