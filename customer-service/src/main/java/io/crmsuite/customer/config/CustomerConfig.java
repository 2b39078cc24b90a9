package io.crmsuite.customer.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** customer-service settings, under {@code crm.customers}. */
@ConfigMapping(prefix = "crm.customers")
public interface CustomerConfig {

    /** The reporting currency: purchases are recorded in it, so revenue can be summed and ranked. */
    @WithDefault("EUR")
    String currency();

    Tiers tiers();

    Lifecycle lifecycle();

    Paging paging();

    interface Tiers {

        /** What customers are ranked by: REVENUE (sum of amounts) or MARGIN (sum of margins). */
        @WithDefault("REVENUE")
        TierBasis basis();

        /** The trailing period the ranking sums over. */
        @WithDefault("P365D")
        Duration window();

        /** Share of customers, from the top, that are PLATINUM. */
        @WithDefault("0.05")
        double platinumShare();

        /** Share of customers right below platinum that are GOLD. */
        @WithDefault("0.15")
        double goldShare();

        /** Share of customers right below gold that are IRON; the rest are LEAD. */
        @WithDefault("0.30")
        double ironShare();

        /** When the scheduled recomputation runs (Quartz-style cron, UTC); "off" disables it. */
        @WithDefault("0 0 2 * * ?")
        String schedule();
    }

    interface Lifecycle {

        /** The trailing period in which purchases count for REPEAT and LOYAL. */
        @WithDefault("P365D")
        Duration window();

        /** Purchases in the window that make a customer REPEAT. */
        @WithDefault("2")
        int repeatMinPurchases();

        /** Purchases in the window that make a customer LOYAL. */
        @WithDefault("5")
        int loyalMinPurchases();

        /** Referrals made (customers registered with referredBy) that make a buying customer LOYAL. */
        @WithDefault("2")
        int loyalMinReferrals();

        /** A customer without a purchase for this long is CHURNED (reason INACTIVE). */
        @WithDefault("P365D")
        Duration churnAfter();

        /** How often the inactivity scan runs. */
        @WithDefault("1h")
        String churnScanEvery();
    }

    interface Paging {

        /** Items per page when the client does not say. */
        @WithDefault("50")
        int defaultLimit();

        /** The largest page a client may ask for. */
        @WithDefault("500")
        int maxLimit();
    }

    enum TierBasis {
        REVENUE,
        MARGIN
    }
}
