package io.crmsuite.customer.lifecycle;

/** Why a customer was lost (DOMAIN.md "Lifecycle"). INACTIVE is set by the inactivity scan. */
public enum ChurnReason {
    /** No purchase for the configured period. */
    INACTIVE,
    /** The customer's own business changed. */
    BUSINESS_CHANGED,
    /** A competitor won on price. */
    COMPETITOR_PRICE,
    /** A competitor won on product. */
    COMPETITOR_PRODUCT,
    /** A competitor won on service. */
    COMPETITOR_SERVICE,
    /** Our product or service did not meet the need. */
    NEEDS_NOT_MET,
    /** A complaint was not resolved in time. */
    COMPLAINT_NOT_RESOLVED,
    OTHER
}
