package io.crmsuite.complaint.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** complaint-service settings other than the SLA, under {@code crm.complaints}. */
@ConfigMapping(prefix = "crm.complaints")
public interface ComplaintConfig {

    /** How far back occurredAt may lie: a late post may start the clock earlier, never arbitrarily early. */
    @WithDefault("P7D")
    Duration maxOccurredAge();

    /** A satisfaction score at or below this reopens the complaint for service recovery. */
    @WithDefault("2")
    int reopenAtOrBelowScore();

    /** Most custom attributes a complaint may carry. */
    @WithDefault("20")
    int maxAttributes();

    /** Entries on one complaint's timeline before further notes are refused. */
    @WithDefault("500")
    int maxTimelineEntries();

    /** Items per page when the client does not say. */
    @WithDefault("50")
    int defaultLimit();

    /** The largest page a client may ask for. */
    @WithDefault("500")
    int maxLimit();
}
