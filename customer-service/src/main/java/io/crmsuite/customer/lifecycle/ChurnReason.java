package io.crmsuite.customer.lifecycle;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;

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
    OTHER;

    /** The reasons a client may give: all but INACTIVE, which only the inactivity scan knows to be true. */
    public static final List<ChurnReason> GIVEN_BY_CLIENTS = Arrays.stream(values()).filter(r -> r != INACTIVE)
            .toList();

    /**
     * Read from a request: by name only (Jackson's default also takes an index, so {@code 0} read as INACTIVE), and
     * an unknown name is refused with the reasons a client may give, not every constant.
     */
    @JsonCreator
    static ChurnReason fromJson(String name) {
        for (ChurnReason reason : values()) {
            if (reason.name().equals(name)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not one of " + GIVEN_BY_CLIENTS);
    }
}
