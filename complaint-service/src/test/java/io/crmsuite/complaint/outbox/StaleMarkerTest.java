package io.crmsuite.complaint.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.crmsuite.complaint.Fixtures;
import io.crmsuite.complaint.complaint.Complaint;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The relay clears a complaint's "events waiting" marker with a write conditional on the revision it pulled at;
 * a note written in between makes that write miss, leaving the marker on a complaint with nothing to send. The
 * sweep must clear it (bench/faults.sh found one after a run: the sweep had sent nothing and left it forever).
 */
@QuarkusTest
class StaleMarkerTest {

    @Inject
    OutboxRelay relay;
    @Inject
    java.time.Clock clock;

    @Test
    void theSweepClearsAMarkerLeftOnAComplaintWithNothingToSend() {
        String id = Fixtures.create();
        await().atMost(Duration.ofSeconds(30)).until(() -> Complaint.<Complaint>findById(id).pendingSince == null);
        // the state the lost race leaves: every event sent, the marker still set
        Instant marked = clock.instant();
        Complaint.collection().updateOne(Filters.eq("_id", id), Updates.set("pendingSince", marked));

        relay.sweep(); // a fresh marker is the writer's own relay's business (crm.outbox.stale-after)
        assertNotNull(Complaint.<Complaint>findById(id).pendingSince);

        Complaint.collection().updateOne(Filters.eq("_id", id),
                Updates.set("pendingSince", marked.minus(Duration.ofSeconds(11))));
        relay.sweep();

        assertNull(Complaint.<Complaint>findById(id).pendingSince);
    }
}
