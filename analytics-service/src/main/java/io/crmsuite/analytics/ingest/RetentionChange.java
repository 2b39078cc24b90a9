package io.crmsuite.analytics.ingest;

import java.time.Instant;

/**
 * A change to one customer's retention book: a complaint of the customer with its outcome class, reference time
 * and day of receipt; or a purchase of the customer. {@code version} is the complaint's or the customer's
 * aggregate version, which makes the change apply once.
 */
record RetentionChange(String customerId, String complaintId, long version, String day, String resolutionClass,
        Instant reference, Instant purchasedAt) {

    static RetentionChange complaint(String customerId, String complaintId, long version, String day,
            String resolutionClass, Instant reference) {
        return new RetentionChange(customerId, complaintId, version, day, resolutionClass, reference, null);
    }

    static RetentionChange purchase(String customerId, long version, Instant purchasedAt) {
        return new RetentionChange(customerId, null, version, null, null, null, purchasedAt);
    }

    boolean isPurchase() {
        return purchasedAt != null;
    }
}
