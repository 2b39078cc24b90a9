package io.crmsuite.customer.profile;

/** What kind of relationship the company has with the customer (DOMAIN.md). */
public enum Kind {
    END_CUSTOMER,
    DISTRIBUTOR,
    PARTNER,
    INTERNAL
}
