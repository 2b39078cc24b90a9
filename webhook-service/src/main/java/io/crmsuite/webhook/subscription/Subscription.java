package io.crmsuite.webhook.subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A stored subscription. Never a request body: requests are {@link SubscriptionRequest}, mapped by
 * {@link SubscriptionMapper}. {@code version} moves with every change a client makes (the ETag); the delivery
 * bookkeeping ({@code lastSuccessAt}, {@code failingSince}) and an automatic disabling do not need one.
 */
@Entity
@Table(name = "subscription")
public class Subscription extends PanacheEntityBase {

    @Id
    public UUID id;

    public String owner;

    public String url;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_types")
    public List<String> eventTypes = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "filter_sources")
    public List<String> filterSources = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "filter_categories")
    public List<String> filterCategories = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "filter_severities")
    public List<String> filterSeverities = new ArrayList<>();

    public String description;

    public String secret;

    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    public boolean enabled;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public long version;
}
