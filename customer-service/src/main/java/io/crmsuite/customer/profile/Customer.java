package io.crmsuite.customer.profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.crmsuite.customer.lifecycle.LifecycleStage;
import io.crmsuite.customer.tier.Tier;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The stored customer. Never a request body: requests are {@link CustomerRequest}, mapped by
 * {@link CustomerMapper}. {@code version} is bumped once per event, so it is both the ETag and the aggregate
 * version every event carries.
 */
@Entity
@Table(name = "customer")
public class Customer extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    public String name;

    @Column(name = "business_category")
    public String businessCategory;

    public String region;

    @Column(name = "account_owner")
    public String accountOwner;

    @Column(name = "special_requirements")
    public String specialRequirements;

    @Column(name = "referred_by")
    public UUID referredBy;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> tags = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Address> addresses = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "contact_methods")
    public List<ContactMethod> contactMethods = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "contact_persons")
    public List<ContactPerson> contactPersons = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> emails = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> phones = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    public Tier tier = Tier.LEAD;

    @Enumerated(EnumType.STRING)
    @Column(name = "lifecycle_stage")
    public LifecycleStage lifecycleStage = LifecycleStage.PROSPECT;

    @Column(name = "churn_reason")
    public String churnReason;

    @Column(name = "purchase_count")
    public int purchaseCount;

    @Column(name = "first_purchase_at")
    public Instant firstPurchaseAt;

    @Column(name = "last_purchase_at")
    public Instant lastPurchaseAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "erased_at")
    public Instant erasedAt;

    public long version;

    public boolean isErased() {
        return erasedAt != null;
    }
}
