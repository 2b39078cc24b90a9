package io.crmsuite.customer.profile;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.crmsuite.customer.lifecycle.LifecycleStage;
import io.crmsuite.customer.tier.Tier;

/** A customer as the API shows it. */
public record CustomerView(
        UUID id,
        Kind kind,
        String name,
        List<ContactMethod> contactMethods,
        List<Address> addresses,
        List<ContactPerson> contactPersons,
        String businessCategory,
        String region,
        String accountOwner,
        String specialRequirements,
        UUID referredBy,
        List<String> tags,
        Tier tier,
        LifecycleStage lifecycleStage,
        String churnReason,
        int purchaseCount,
        Instant firstPurchaseAt,
        Instant lastPurchaseAt,
        Instant createdAt,
        Instant updatedAt,
        long version) {
}
