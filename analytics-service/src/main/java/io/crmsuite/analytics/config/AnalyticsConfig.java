package io.crmsuite.analytics.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** analytics-service settings, under {@code crm.analytics}. */
@ConfigMapping(prefix = "crm.analytics")
public interface AnalyticsConfig {

    /** A complainant "bought again" when a purchase follows the resolution within this window. */
    @WithDefault("P90D")
    Duration retentionWindow();

    /** The literal rule of the domain: resolved within this many hours counts as "within 24 hours". */
    @WithDefault("PT24H")
    Duration resolutionRule();

    /** Largest date range a query may ask for, in days. */
    @WithDefault("3660")
    int maxRangeDays();

    /** Rows per page of the incremental export when the client does not say. */
    @WithDefault("1000")
    int exportDefaultLimit();
}
