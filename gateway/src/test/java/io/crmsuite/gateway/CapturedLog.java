package io.crmsuite.gateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * The log records of the gateway while a test runs: every error, whatever its category, and the records of the
 * categories a test turns up to DEBUG (put back as they were on close). Quarkus logs through JBoss LogManager,
 * which serves java.util.logging, so a handler on the root logger sees every record.
 */
final class CapturedLog implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Map<Logger, Level> levelsBefore = new HashMap<>();
    private final Logger root = Logger.getLogger("");
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** Starts capturing; {@code debugCategories} are logged at DEBUG until {@link #close}. */
    static CapturedLog start(String... debugCategories) {
        CapturedLog log = new CapturedLog();
        for (String category : debugCategories) {
            Logger logger = Logger.getLogger(category);
            log.levelsBefore.put(logger, logger.getLevel());
            logger.setLevel(Level.FINE);
        }
        log.root.addHandler(log.handler);
        return log;
    }

    /** The errors (and worse) logged so far, as text. */
    List<String> errors() {
        List<String> errors = new ArrayList<>();
        for (LogRecord r : records) {
            if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(r.getLoggerName() + ": " + text(r) + (r.getThrown() == null ? "" : " " + r.getThrown()));
            }
        }
        return errors;
    }

    /** Whether a record of {@code category} says {@code fragment}. */
    boolean has(String category, String fragment) {
        return records.stream().anyMatch(r -> category.equals(r.getLoggerName()) && text(r).contains(fragment));
    }

    private static String text(LogRecord record) {
        return record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : String.valueOf(record.getMessage());
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        levelsBefore.forEach(Logger::setLevel);
    }
}
