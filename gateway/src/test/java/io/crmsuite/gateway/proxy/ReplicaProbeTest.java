package io.crmsuite.gateway.proxy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.crmsuite.gateway.StubBackends;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A replica whose connections failed until its breaker opened (three failures: StubBackends) is passed over until
 * the probe finds it ready; then it takes requests at once, without waiting for the breaker's open time. One that
 * is still down, or says it cannot serve (readiness 503), stays passed over. The timer is off in tests
 * (StubBackends): the probe is run here by hand, so nothing else lifts the back-off meanwhile.
 */
@QuarkusTest
class ReplicaProbeTest {

    private static final String B = "complaints-2";

    @Inject
    GatewayRoutes routes;

    @Inject
    ReplicaProbe probe;

    @Test
    void aReplicaBackAndReadyTakesRequestsAsSoonAsTheProbeFindsIt() throws Exception {
        Backend complaints = routes.backends().get("complaints");
        Replica a = complaints.replicas().get(0);
        Replica b = complaints.replicas().get(1);
        try {
            failUntilTheBreakerOpens(b);
            assertTrue(b.inTrouble());
            assertEquals(List.of(a, a, a, a), chooseFour(complaints), "B is passed over");

            StubBackends.StubControl.invoke("stop", B);
            try {
                probe.probeTroubledReplicas();
                Thread.sleep(1_000); // a refused probe must change nothing: nothing to await, so a bounded look
                assertTrue(b.inTrouble(), "a replica that is down stays passed over");
            } finally {
                StubBackends.StubControl.invoke("start", B);
            }
            StubBackends.StubControl.invoke("unavailable", B);
            try {
                probe.probeTroubledReplicas();
                Thread.sleep(1_000);
                assertTrue(b.inTrouble(), "a replica whose readiness is DOWN stays passed over");
            } finally {
                StubBackends.StubControl.invoke("available", B);
            }

            probe.probeTroubledReplicas();
            await().atMost(Duration.ofSeconds(10)).until(() -> !b.inTrouble());
            assertEquals(CircuitBreaker.State.CLOSED, b.breaker.state());
            List<Replica> chosen = chooseFour(complaints);
            assertEquals(2, chosen.stream().filter(b::equals).count(), "B takes its turns again: " + chosen);
        } finally {
            b.probedReady();
        }
    }

    @Test
    void aBreakerOpenedByTimeoutsIsNotTheProbesToClose() {
        Backend complaints = routes.backends().get("complaints");
        Replica b = complaints.replicas().get(1);
        try {
            for (int i = 0; i < 3; i++) {
                b.timedOut(System.nanoTime());
            }
            assertEquals(CircuitBreaker.State.OPEN, b.breaker.state());
            assertFalse(b.inTrouble(), "slow, not gone: the breaker is left to run its course");
        } finally {
            b.probedReady();
        }
    }

    private static void failUntilTheBreakerOpens(Replica replica) {
        for (int i = 0; i < 3; i++) {
            replica.notConnected(System.nanoTime());
        }
        assertEquals(CircuitBreaker.State.OPEN, replica.breaker.state());
    }

    /** Four choices in a row, each as a new request makes it. */
    private static List<Replica> chooseFour(Backend backend) {
        long now = System.nanoTime();
        return List.of(backend.choose(now, List.of()), backend.choose(now, List.of()), backend.choose(now, List.of()),
                backend.choose(now, List.of()));
    }
}
