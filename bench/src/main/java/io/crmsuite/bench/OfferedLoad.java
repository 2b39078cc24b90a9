package io.crmsuite.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load: calls sent at a fixed offered rate whatever the answers, each on a schedule of its own; a call's
 * latency counts from its scheduled moment, so time spent waiting for a free connection (a server that falls
 * behind) is in the percentiles instead of hidden (coordinated omission). A call not begun within
 * {@link #GIVE_UP_SECONDS} of its moment is not sent and counts as an error with an endless latency, so a rate the
 * server cannot keep up with ends soon after its stretch instead of draining a growing queue.
 */
final class OfferedLoad implements AutoCloseable {

    static final int GIVE_UP_SECONDS = 10;

    /**
     * {@code latencies} in nanoseconds from the scheduled moment, sorted; {@code Long.MAX_VALUE} for calls given up.
     * {@code errorStatuses}: how many answers of each unexpected status (-1: no answer, the connection failed).
     */
    record Result(String name, int offered, int scheduled, int errors, int gaveUp, double seconds, long[] latencies,
            Map<Integer, Integer> errorStatuses) {

        /** The runs of one side at one rate as one: their calls, errors and seconds added up. */
        static Result merge(List<Result> runs) {
            Result first = runs.get(0);
            Map<Integer, Integer> statuses = new TreeMap<>();
            runs.forEach(r -> r.errorStatuses.forEach((status, n) -> statuses.merge(status, n, Integer::sum)));
            long[] latencies = runs.stream().flatMapToLong(r -> Arrays.stream(r.latencies)).sorted().toArray();
            return new Result(first.name, first.offered, runs.stream().mapToInt(Result::scheduled).sum(),
                    runs.stream().mapToInt(Result::errors).sum(), runs.stream().mapToInt(Result::gaveUp).sum(),
                    runs.stream().mapToDouble(Result::seconds).sum(), latencies, statuses);
        }

        int answeredOk() {
            return scheduled - errors;
        }

        /** Calls answered as expected per second, from the first scheduled moment to the last answer. */
        double achieved() {
            return answeredOk() / seconds;
        }

        double p50ms() {
            return Load.percentile(latencies, 0.50);
        }

        double p99ms() {
            return Load.percentile(latencies, 0.99);
        }

        /** Kept up: nearly all of the offered rate achieved, p99 within {@code p99LimitMs}, no error. */
        boolean keptUp(double p99LimitMs) {
            return errors == 0 && achieved() >= 0.95 * offered && p99ms() <= p99LimitMs;
        }

        String line() {
            StringBuilder why = new StringBuilder();
            errorStatuses.forEach((status, n) -> why.append(why.length() == 0 ? "" : ", ")
                    .append(status < 0 ? "no answer" : status).append(": ").append(n));
            if (gaveUp > 0) {
                why.append(why.length() == 0 ? "" : ", ").append("not sent, " + GIVE_UP_SECONDS + " s late: ").append(gaveUp);
            }
            return String.format(Locale.ROOT, "%-34s %5d/s offered  %6.0f/s achieved   p50 %s   p99 %s   errors %d%s",
                    name, offered, achieved(), ms(p50ms()), ms(p99ms()), errors, why.length() == 0 ? "" : " (" + why + ")");
        }

        private static String ms(double ms) {
            return ms > 1e9 ? "  given up" : String.format(Locale.ROOT, "%7.1f ms", ms);
        }
    }

    private final ExecutorService pool;
    private final int threads;

    /**
     * A pool of {@code threads} kept for every run (each thread keeps its own connections, so they stay open from
     * one run to the next): it must be larger than rate x latency for the client not to be the limit.
     */
    OfferedLoad(int threads) {
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads);
    }

    int threads() {
        return threads;
    }

    /** Sends {@code rate} calls a second for {@code seconds}; returns once each is answered or given up. */
    Result run(String name, int rate, int seconds, java.util.function.IntPredicate ok, Load.Call call)
            throws InterruptedException {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger gaveUp = new AtomicInteger();
        Map<Integer, Integer> errorStatuses = new ConcurrentSkipListMap<>();
        AtomicLong lastAnswer = new AtomicLong();
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime() + 1_000_000;
        for (int n = 0; n < total; n++) {
            int i = n;
            long due = start + (long) (i * 1e9 / rate);
            sleepUntil(due);
            pool.execute(() -> {
                try {
                    latencies[i] = callAt(due, i, call, ok, errors, gaveUp, errorStatuses, lastAnswer);
                } finally {
                    done.countDown();
                }
            });
        }
        if (!done.await(seconds + 5L * GIVE_UP_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + ": calls still unanswered " + 5 * GIVE_UP_SECONDS
                    + " s after the last was due");
        }
        long end = Math.max(lastAnswer.get(), start + (long) ((total - 1) * 1e9 / rate));
        Arrays.sort(latencies);
        return new Result(name, rate, total, errors.get(), gaveUp.get(), (end - start) / 1e9, latencies,
                errorStatuses);
    }

    /**
     * Parks until {@link System#nanoTime()} reaches {@code due} (within the timer's slack, tens of microseconds):
     * a spinning wait would take one of the two cores from the servers measured.
     */
    static void sleepUntil(long due) {
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    /** One call's latency from its scheduled moment {@code due}; Long.MAX_VALUE when given up. */
    private static long callAt(long due, int i, Load.Call call, java.util.function.IntPredicate ok,
            AtomicInteger errors, AtomicInteger gaveUp, Map<Integer, Integer> errorStatuses, AtomicLong lastAnswer) {
        if (System.nanoTime() - due > GIVE_UP_SECONDS * 1_000_000_000L) {
            gaveUp.incrementAndGet();
            errors.incrementAndGet();
            return Long.MAX_VALUE;
        }
        int status;
        try {
            status = call.run(i);
        } catch (Exception e) {
            status = -1;
        }
        long now = System.nanoTime();
        lastAnswer.accumulateAndGet(now, Math::max);
        if (!ok.test(status)) {
            errors.incrementAndGet();
            errorStatuses.merge(status, 1, Integer::sum);
        }
        return now - due;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
