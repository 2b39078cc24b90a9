package io.crmsuite.customer.purchase;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A purchase as the API shows it. */
public record PurchaseView(UUID id, UUID customerId, BigDecimal amount, String currency, BigDecimal margin,
        Instant occurredAt, String channel, String productCategory, Instant recordedAt) {

    static PurchaseView of(Purchase p) {
        return new PurchaseView(p.id, p.customerId, p.amount, p.currency, p.margin, p.occurredAt, p.channel,
                p.productCategory, p.recordedAt);
    }
}
