package io.crmsuite.gateway.proxy;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.jboss.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/**
 * One line per request on standard output, {@code <UTC time> ACCESS <fields>}. The event loops only queue the
 * line; one thread writes what is queued every 100 ms. A log record per request cost the gateway about a fifth
 * of its CPU per proxied call (the record, a wake-up of the log thread and a write for each line); a batch
 * costs one write per 4 KiB. Setting the category {@code io.crmsuite.gateway.access} to OFF turns it off.
 */
@Singleton
public class AccessLog {

    private static final Logger CATEGORY = Logger.getLogger("io.crmsuite.gateway.access");
    /** Up to PIPE_BUF per write: a write that size stays whole on a pipe shared with the other log lines. */
    private static final int MAX_WRITE = 4096;
    /** What may wait when standard output is blocked; beyond it lines are dropped and the drop is reported. */
    private static final int MAX_QUEUED = 100_000;
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private record Entry(long at, String fields) {
    }

    private final ConcurrentLinkedQueue<Entry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final OutputStream out;
    private final Thread writer;
    private volatile boolean running = true;

    AccessLog() {
        this(new FileOutputStream(FileDescriptor.out));
    }

    AccessLog(OutputStream out) {
        this.out = out;
        this.writer = new Thread(this::writeUntilStopped, "access-log-writer");
        writer.setDaemon(true);
    }

    @PostConstruct
    void start() {
        writer.start();
    }

    boolean enabled() {
        return CATEGORY.isInfoEnabled();
    }

    void add(String fields) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.add(new Entry(System.currentTimeMillis(), fields));
    }

    private void writeUntilStopped() {
        while (running) {
            LockSupport.parkNanos(PAUSE_NANOS);
            writeQueued();
        }
        writeQueued();
    }

    /** Writes what is queued; package-private so that a test can flush without waiting for the thread. */
    synchronized void writeQueued() {
        StringBuilder batch = new StringBuilder(MAX_WRITE);
        Entry entry;
        while ((entry = queue.poll()) != null) {
            queued.decrementAndGet();
            String line = Instant.ofEpochMilli(entry.at()) + " ACCESS " + entry.fields() + '\n';
            if (batch.length() + line.length() > MAX_WRITE && batch.length() > 0) {
                write(batch);
            }
            batch.append(line);
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            batch.append(Instant.now()).append(" ACCESS ").append(lost)
                    .append(" lines dropped: standard output did not keep up\n");
        }
        if (batch.length() > 0) {
            write(batch);
        }
    }

    private void write(StringBuilder batch) {
        try {
            out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            CATEGORY.warnf("access lines lost: %s", e.getMessage());
        }
        batch.setLength(0);
    }

    @PreDestroy
    void stop() {
        running = false;
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
