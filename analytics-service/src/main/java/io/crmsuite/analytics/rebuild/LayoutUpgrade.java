package io.crmsuite.analytics.rebuild;

import org.jboss.logging.Logger;

import io.crmsuite.analytics.store.Generations;
import io.crmsuite.platform.problem.ProblemException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * After an upgrade that changed what the projections count, the live generation still holds the old figures:
 * this starts a rebuild from the topics (once, in whichever replica gets there first; the control document's
 * conditional writes keep the others out). Queries answer from the old generation until the new one is
 * complete. A failed upgrade rebuild is not retried by itself: its reason is on {@code GET
 * /analytics/rebuild}, and an operator starts the next one.
 */
@ApplicationScoped
public class LayoutUpgrade {

    private static final Logger LOG = Logger.getLogger(LayoutUpgrade.class);

    private final Generations generations;
    private final RebuildService rebuilds;

    LayoutUpgrade(Generations generations, RebuildService rebuilds) {
        this.generations = generations;
        this.rebuilds = rebuilds;
    }

    @Scheduled(every = "10s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        Generations.State state;
        try {
            state = generations.refresh();
        } catch (RuntimeException e) {
            return; // MongoDB unreachable: the store's readiness check says so; the next round tries again
        }
        Generations.Build last = state.build();
        boolean triedAlready = last != null && last.layout() == Generations.LAYOUT && "FAILED".equals(last.state());
        if (state.activeLayout() >= Generations.LAYOUT || state.building() != null || triedAlready) {
            return;
        }
        try {
            RebuildService.Progress progress = rebuilds.start();
            LOG.infof("analytics state: generation %d was filled by an earlier version of the projections "
                    + "(layout %d, this version writes %d); rebuild %s replays the topics into generation %d, "
                    + "queries answer from generation %d until it is complete", state.active(), state.activeLayout(),
                    Generations.LAYOUT, progress.id(), progress.generation(), state.active());
        } catch (ProblemException e) {
            // another replica began it (409), or Kafka did not answer (503): the next round looks again
        }
    }
}
