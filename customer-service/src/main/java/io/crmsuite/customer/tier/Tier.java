package io.crmsuite.customer.tier;

/** The customer pyramid, from the top (DOMAIN.md). {@code rank} orders them: lower is higher in the pyramid. */
public enum Tier {
    PLATINUM(0),
    GOLD(1),
    IRON(2),
    LEAD(3);

    private final int rank;

    Tier(int rank) {
        this.rank = rank;
    }

    public boolean isAbove(Tier other) {
        return rank < other.rank;
    }
}
