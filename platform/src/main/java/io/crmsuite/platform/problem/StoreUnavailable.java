package io.crmsuite.platform.problem;

import java.util.Set;

/**
 * Recognises a failure that means "our store cannot be reached right now" (MongoDB or PostgreSQL down, a failover
 * in progress), by the exception classes of the drivers: the client then gets 503 with Retry-After instead of a
 * 500 that blames the request. By name, so that this module needs neither driver.
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
            for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
                if (TYPES.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
