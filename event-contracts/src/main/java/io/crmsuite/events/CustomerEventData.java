package io.crmsuite.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The {@code data} of every event on {@link Topics#CUSTOMER_EVENTS}; schemas under {@code schemas/}. */
public final class CustomerEventData {

    private CustomerEventData() {
    }

    /**
     * {@code customer.registered} and {@code customer.updated}: the customer as it is now. {@code changedFields}
     * is empty for a registration.
     */
    public record Profile(UUID customerId, String kind, String name, String region, String businessCategory,
            String accountOwner, UUID referredBy, List<String> emails, List<String> phones, List<String> tags,
            String tier, String lifecycleStage, Instant registeredAt, List<String> changedFields) {
    }

    /** {@code customer.erased}: personal data removed on request; purchases stay, anonymous, for the indicators. */
    public record Erased(UUID customerId, Instant erasedAt) {
    }

    /** {@code purchase.recorded}. {@code margin} is the profit of the purchase (amount minus cost). */
    public record PurchaseRecorded(UUID purchaseId, UUID customerId, BigDecimal amount, String currency,
            BigDecimal margin, Instant occurredAt, String channel, String productCategory, String region,
            String tier, long purchaseNumber) {
    }

    /** {@code customer.tier-changed}: a move in the value pyramid; {@code direction} is UPGRADE or DOWNGRADE. */
    public record TierChanged(UUID customerId, String from, String to, String direction, String basis,
            BigDecimal basisValue, Instant changedAt) {
    }

    /** {@code customer.lifecycle-changed}; {@code reason} is a churn reason when {@code to} is CHURNED. */
    /** {@code competitor}: who won the customer, when a churn names one. */
    public record LifecycleChanged(UUID customerId, String from, String to, String reason, String note,
            boolean reactivated, Instant changedAt, String competitor) {
    }
}
