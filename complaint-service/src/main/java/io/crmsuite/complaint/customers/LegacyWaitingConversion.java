package io.crmsuite.complaint.customers;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Upgrade from the earlier {@code waiting_complaints} layout (one document per key listing its complaints in
 * {@code ids}): shortly after start-up, and every hour while replicas of the earlier version may still be adding to
 * such lists during a rolling upgrade, the listed complaints become entries of their own. Until then they are read
 * where they are ({@link WaitingComplaints#waitingUnder}), so nothing waits unseen in between.
 */
@ApplicationScoped
public class LegacyWaitingConversion {

    private static final Logger LOG = Logger.getLogger(LegacyWaitingConversion.class);

    @Scheduled(every = "1h", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void convert() {
        int converted = WaitingComplaints.convertLegacy();
        if (converted > 0) {
            LOG.infof("waiting_complaints: %d complaints listed in the earlier layout are entries now", converted);
        }
    }
}
