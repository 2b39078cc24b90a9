package io.crmsuite.platform.problem;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Recognises a failure that means "our store cannot be reached right now" (MongoDB or PostgreSQL down, a failover
 * in progress, a network partition), by the exception classes of the drivers: the client then gets 503 with
 * Retry-After instead of a 500 that blames the request. By name, so that this module needs neither driver; the
 * JDBC pool's acquisition timeout by shape (an {@link SQLException} caused by a {@link TimeoutException}), as
 * Agroal gives it no class of its own; a transaction its timeout ended while a statement waited on the store by
 * a commit refused without a cause.
 */
final class StoreUnavailable {

    private static final Set<String> TYPES = Set.of(
            "com.mongodb.MongoTimeoutException",
            "com.mongodb.MongoSocketException",
            "com.mongodb.MongoNotPrimaryException",
            "com.mongodb.MongoNodeIsRecoveringException",
            "org.hibernate.exception.JDBCConnectionException",
            "java.sql.SQLTransientConnectionException",
            "java.net.ConnectException");

    /** Refused commits: by name too, for modules without JTA (the MongoDB services). */
    private static final String TIMED_OUT_TRANSACTION = "jakarta.transaction.RollbackException";

    private StoreUnavailable() {
    }

    static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException && t.getCause() instanceof TimeoutException) {
                return true; // the pool had no connection to give in time (Agroal): every one of them is stuck
            }
            if (t.getClass().getName().equals(TIMED_OUT_TRANSACTION) && t.getCause() == null) {
                // a commit refused because the transaction timeout ended it (rolled back, nothing written) while a
                // statement waited on a cut connection; a refusal for a failed flush carries that failure as cause
                return true;
            }
            for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
                if (TYPES.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
