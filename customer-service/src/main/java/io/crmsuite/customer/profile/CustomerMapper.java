package io.crmsuite.customer.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.crmsuite.events.CustomerEventData;

/** The one place where requests, stored customers, API views and event data are mapped onto each other. */
public final class CustomerMapper {

    private CustomerMapper() {
    }

    /** Copies every editable field of {@code request} onto {@code customer}; returns the names of those that changed. */
    public static List<String> apply(CustomerRequest request, Customer customer) {
        List<String> changed = new ArrayList<>();
        customer.kind = set(changed, "kind", customer.kind, request.kind());
        customer.name = set(changed, "name", customer.name, request.name().trim());
        customer.contactMethods = set(changed, "contactMethods", customer.contactMethods, list(request.contactMethods()));
        customer.addresses = set(changed, "addresses", customer.addresses, list(request.addresses()));
        customer.contactPersons = set(changed, "contactPersons", customer.contactPersons, list(request.contactPersons()));
        customer.businessCategory = set(changed, "businessCategory", customer.businessCategory, request.businessCategory());
        customer.region = set(changed, "region", customer.region, request.region());
        customer.accountOwner = set(changed, "accountOwner", customer.accountOwner, request.accountOwner());
        customer.specialRequirements = set(changed, "specialRequirements", customer.specialRequirements,
                request.specialRequirements());
        customer.referredBy = set(changed, "referredBy", customer.referredBy, request.referredBy());
        customer.tags = set(changed, "tags", customer.tags, list(request.tags()));
        customer.emails = customer.contactMethods.stream().filter(ContactMethod::isEmail)
                .map(ContactMethod::normalized).distinct().toList();
        customer.phones = customer.contactMethods.stream().filter(ContactMethod::isPhone)
                .map(ContactMethod::normalized).distinct().toList();
        return changed;
    }

    /** The editable fields of a customer, as a request: the base a merge patch is applied to. */
    public static CustomerRequest toRequest(Customer c) {
        return new CustomerRequest(c.kind, c.name, c.contactMethods, c.addresses, c.contactPersons, c.businessCategory,
                c.region, c.accountOwner, c.specialRequirements, c.referredBy, c.tags);
    }

    public static CustomerView toView(Customer c) {
        return new CustomerView(c.id, c.kind, c.name, c.contactMethods, c.addresses, c.contactPersons,
                c.businessCategory, c.region, c.accountOwner, c.specialRequirements, c.referredBy, c.tags, c.tier,
                c.lifecycleStage, c.churnReason, c.purchaseCount, c.firstPurchaseAt, c.lastPurchaseAt, c.createdAt,
                c.updatedAt, c.version);
    }

    public static CustomerEventData.Profile toProfile(Customer c, List<String> changedFields) {
        return new CustomerEventData.Profile(c.id, c.kind.name(), c.name, c.region, c.businessCategory,
                c.accountOwner, c.referredBy, c.emails, c.phones, c.tags, c.tier.name(), c.lifecycleStage.name(),
                c.createdAt, changedFields);
    }

    private static <T> T set(List<String> changed, String field, T current, T next) {
        if (!Objects.equals(current, next)) {
            changed.add(field);
        }
        return next;
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? new ArrayList<>() : new ArrayList<>(values);
    }
}
