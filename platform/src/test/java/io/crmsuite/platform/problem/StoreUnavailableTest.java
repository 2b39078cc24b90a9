package io.crmsuite.platform.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

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

    @Test
    void otherSqlFailuresAndOtherTimeoutsAreNotTheStoresAbsence() {
        assertFalse(StoreUnavailable.is(new RuntimeException(new SQLException("duplicate key value", "23505"))));
        assertFalse(StoreUnavailable.is(new RuntimeException(new TimeoutException("a call of our own"))));
        assertFalse(StoreUnavailable.is(new SQLException("syntax error", "42601", new IllegalStateException())));
    }
}
