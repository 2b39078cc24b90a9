package io.crmsuite.platform.problem;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Recognises a failure that means "our store cannot be reached right now" (MongoDB or PostgreSQL down, a failover
 * in progress, a network partition), by the exception classes of the drivers: the client then gets 503 with
 * Retry-After instead of a 500 that blames the request. By name, so that this module needs neither driver; the
 * JDBC pool's acquisition timeout by shape (an {@link SQLException} caused by a {@link TimeoutException}), as
 * Agroal gives it no class of its own.
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

    private StoreUnavailable() {
    }

    static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException && t.getCause() instanceof TimeoutException) {
                return true; // the pool had no connection to give in time (Agroal): every one of them is stuck
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
