package io.crmsuite.customer.lifecycle;

import io.crmsuite.customer.config.CustomerConfig;

/**
 * Which stage a customer's buying and referring puts them in. Pure: the thresholds are settings
 * ({@code crm.customers.lifecycle.*}), the counts come from the caller.
 */
public final class LifecycleRules {

    private final CustomerConfig.Lifecycle settings;

    public LifecycleRules(CustomerConfig.Lifecycle settings) {
        this.settings = settings;
    }

    /**
     * @param purchasesEver     every purchase the customer made
     * @param purchasesInWindow purchases within the lifecycle window (default the last 365 days)
     * @param referrals         customers registered with this customer as referrer
     */
    public LifecycleStage stageFor(long purchasesEver, long purchasesInWindow, long referrals) {
        if (purchasesEver == 0) {
            return LifecycleStage.PROSPECT;
        }
        boolean advocate = referrals >= settings.loyalMinReferrals() && purchasesInWindow > 0;
        if (purchasesInWindow >= settings.loyalMinPurchases() || advocate) {
            return LifecycleStage.LOYAL;
        }
        if (purchasesEver >= settings.repeatMinPurchases()) {
            return LifecycleStage.REPEAT;
        }
        return LifecycleStage.FIRST_TIME;
    }

    /**
     * The further of two stages along PROSPECT, FIRST_TIME, REPEAT, LOYAL: stages move up with buying and
     * referring, never down (only to CHURNED, which is not decided here).
     */
    public static LifecycleStage higher(LifecycleStage current, LifecycleStage computed) {
        return computed.ordinal() > current.ordinal() ? computed : current;
    }
}
