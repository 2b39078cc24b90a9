package io.crmsuite.platform.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import jakarta.transaction.RollbackException;

class StoreUnavailableTest {

    /**
     * The chain Hibernate gave when PostgreSQL's packets were dropped (bench/faults.sh drop:postgresql=60): every
     * pooled connection hung on the partition, and the next request waited 5 s for one. It was answered 500.
     */
    @Test
    void aPoolWithNoConnectionToGiveInTimeMeansTheStoreIsOutOfReach() {
        SQLException acquisition = new SQLException("Acquisition timeout while waiting for new connection",
                new TimeoutException());
        assertTrue(StoreUnavailable.is(new RuntimeException("Unable to acquire JDBC Connection", acquisition)));
    }

    @Test
    void aConnectionRefusedDeepInTheChainMeansTheStoreIsOutOfReach() {
        assertTrue(StoreUnavailable.is(new IllegalStateException(new RuntimeException(new ConnectException()))));
    }

    /**
     * The same run: a request whose statement waited on a cut connection past the 60 s transaction timeout got,
     * once the partition ended, Narayana's refusal to commit (Quarkus wraps it), without a cause. It was a 500.
     */
    @Test
    void aCommitRefusedBecauseTheTransactionTimedOutMeansTheStoreDidNotAnswerInTime() {
        RollbackException timedOut = new RollbackException("ARJUNA016102: The transaction is not active! Uid is 0:1");
        assertTrue(StoreUnavailable.is(new RuntimeException("Error invoking subclass method", timedOut)));
    }

    @Test
    void aCommitRefusedForAFailedFlushIsNotTheStoresAbsence() {
        RollbackException flushFailed = new RollbackException("ARJUNA016053: Could not commit transaction.");
        flushFailed.initCause(new IllegalStateException("constraint violated"));
        assertFalse(StoreUnavailable.is(new RuntimeException(flushFailed)));
    }

    @Test
    void otherSqlFailuresAndOtherTimeoutsAreNotTheStoresAbsence() {
        assertFalse(StoreUnavailable.is(new RuntimeException(new SQLException("duplicate key value", "23505"))));
        assertFalse(StoreUnavailable.is(new RuntimeException(new TimeoutException("a call of our own"))));
        assertFalse(StoreUnavailable.is(new SQLException("syntax error", "42601", new IllegalStateException())));
    }
}
