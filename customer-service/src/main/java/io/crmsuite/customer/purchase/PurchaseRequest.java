package io.crmsuite.customer.purchase;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /customers/{id}/purchases}. Give {@code margin} (profit) or {@code cost}, from which the margin is
 * amount minus cost; {@code occurredAt} defaults to now and may not be in the future.
 */
public record PurchaseRequest(
        @NotNull @DecimalMin(value = "0.01") @Digits(integer = 12, fraction = 2) BigDecimal amount,
        @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as EUR") String currency,
        @Digits(integer = 12, fraction = 2) BigDecimal margin,
        @DecimalMin(value = "0.00") @Digits(integer = 12, fraction = 2) BigDecimal cost,
        Instant occurredAt,
        @Size(max = 100) String channel,
        @Size(max = 100) String productCategory) {
}
