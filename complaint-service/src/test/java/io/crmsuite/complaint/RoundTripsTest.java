package io.crmsuite.complaint;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.Enums.Category;
import io.crmsuite.complaint.complaint.Enums.Channel;
import io.crmsuite.complaint.complaint.Enums.Severity;
import io.crmsuite.complaint.customers.KnownCustomer;
import io.crmsuite.complaint.handling.ActionRequests;
import io.crmsuite.complaint.handling.HandlingService;
import io.crmsuite.complaint.handling.Precondition;
import io.crmsuite.complaint.intake.IntakeRequest;
import io.crmsuite.complaint.intake.IntakeService;
import io.crmsuite.platform.http.Caller;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The MongoDB round trips of one intake and one handling action, counted by a command listener on the service's
 * client ({@link MongoOperations}): what the request's own thread sends, then what the outbox relay sends for that
 * complaint (the commands of other threads that name its id). Each expected list says which operation is which, so
 * a change that adds one fails here and has to say why.
 */
@QuarkusTest
class RoundTripsTest {

    private static final Caller CALLER = Caller.of(Fixtures.CLIENT, "agent-7", null);
    private static CustomerFeed feed;

    @Inject
    IntakeService intake;
    @Inject
    HandlingService handling;

    @BeforeAll
    static void connect() {
        feed = new CustomerFeed();
    }

    @AfterAll
    static void disconnect() {
        feed.close();
    }

    @AfterEach
    void stopRecording() {
        MongoOperations.stop();
    }

    @Test
    void anIntakeForAKnownCustomer() {
        String customerId = UUID.randomUUID().toString();
        feed.registered(customerId, null, null, "GOLD");
        await().atMost(Duration.ofSeconds(20)).until(() -> KnownCustomer.findById(customerId) != null);

        RoundTrips trips = intake(request(customerId, null));

        // before: 6 + 3 (a read of the complaint a fresh claim cannot name; the relay read back what the intake had
        // in memory, then pulled and cleared in two writes)
        assertEquals(List.of(
                "insert intake_claims",   // the source reference claimed (fresh: it names no stored complaint)
                "find customers",         // the customer: known, its tier
                "insert complaints",      // the complaint with its received event
                "update sla_timers",      // the scanner's timer for its warning
                "find customers"),        // erased meanwhile? (the erasure may have missed the complaint)
                trips.request());
        assertEquals(List.of(
                "update complaints"),     // one bulk write: sent events pulled, marker cleared at the revision sent
                trips.relay());
    }

    @Test
    void anIntakeFromAnUnknownCaller() {
        String phone = "+5511" + (900_000_000 + Math.floorMod(UUID.randomUUID().hashCode(), 99_999_999));

        RoundTrips trips = intake(request(null, phone));

        // before: 7 + 3
        assertEquals(List.of(
                "insert intake_claims",   // the source reference claimed
                "find customer_contacts", // the customers with that phone: none
                "update waiting_complaints", // its entry under the phone, then the phone's marker (one bulk write)
                "insert complaints",      // the complaint with its received event
                "update sla_timers",      // the scanner's timer for its warning
                "find customer_contacts"), // registered meanwhile? (its event may have missed the wait)
                trips.request());
        assertEquals(List.of("update complaints"), trips.relay());
    }

    @Test
    void anAcknowledgement() {
        String id = intake(request(null, "+5511912345678")).id();

        MongoOperations.start();
        handling.acknowledge(id, new ActionRequests.Acknowledge("we are on it", null), CALLER,
                Precondition.of(null, null, null, CALLER));
        RoundTrips trips = awaitRelayed(id);

        // before: 3 + 3 (the timer of a next check the action did not move was written again)
        assertEquals(List.of(
                "find complaints",        // the complaint as it is
                "update complaints"),     // the change and its event, conditional on the revision read
                trips.request());
        assertEquals(List.of("update complaints"), trips.relay());
    }

    /** What one call sent from the test's thread, and what other threads sent for its complaint. */
    record RoundTrips(String id, List<String> request, List<String> relay) {
    }

    private RoundTrips intake(IntakeRequest request) {
        MongoOperations.start();
        String id = intake.intake(request, null, CALLER).complaint().id;
        return awaitRelayed(id);
    }

    /** Once the relay is done with the complaint: its marker is cleared by its last write. */
    private static RoundTrips awaitRelayed(String id) {
        List<String> request = MongoOperations.sentBy(Thread.currentThread());
        // polled on this thread: Awaitility's own poller thread would count as "another thread"
        await().pollInSameThread().atMost(Duration.ofSeconds(30))
                .until(() -> Complaint.<Complaint>findById(id).pendingSince == null);
        MongoOperations.stop();
        return new RoundTrips(id, request, MongoOperations.sentByOthersNaming(Thread.currentThread(), id));
    }

    private static IntakeRequest request(String customerId, String phone) {
        return new IntakeRequest(customerId, phone == null ? null : new IntakeRequest.Contact(phone, null),
                Channel.PHONE, Category.DELIVERY, Severity.HIGH, "Parcel arrived broken", "callcenter-sp",
                "CC-" + UUID.randomUUID(), null, null);
    }
}
