package io.crmsuite.customer.purchase;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One transaction of a customer: value, time and place (DOMAIN.md). Kept after erasure, for the indicators. */
@Entity
@Table(name = "purchase")
public class Purchase extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "customer_id")
    public UUID customerId;

    public BigDecimal amount;

    public String currency;

    /** Profit of the purchase: amount minus cost. Null when the caller knows neither. */
    public BigDecimal margin;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    public String channel;

    @Column(name = "product_category")
    public String productCategory;

    @Column(name = "recorded_at")
    public Instant recordedAt;
}
