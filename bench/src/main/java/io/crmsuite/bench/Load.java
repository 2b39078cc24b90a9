package io.crmsuite.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs a call from N threads for a fixed number of calls and reports throughput and latency percentiles. */
final class Load {

    /** One call; returns the HTTP status (or any code) it got, so errors are counted. */
    interface Call {
        int run(int i) throws Exception;
    }

    /** {@code latencies} in nanoseconds, sorted. */
    record Result(String name, int calls, int errors, double seconds, long[] latencies) {

        double throughput() {
            return calls / seconds;
        }

        double p50ms() {
            return percentile(latencies, 0.50);
        }

        double p99ms() {
            return percentile(latencies, 0.99);
        }

        double maxMs() {
            return latencies[latencies.length - 1] / 1e6;
        }

        String line() {
            return String.format(Locale.ROOT, "%-44s %8.0f req/s   p50 %7.2f ms   p99 %7.2f ms   max %7.1f ms   errors %d",
                    name, throughput(), p50ms(), p99ms(), maxMs(), errors);
        }

        String throughputLine() {
            return String.format(Locale.ROOT, "%-44s %8.0f req/s   (rounds; errors %d)", name, throughput(), errors);
        }

        String latencyLine() {
            return String.format(Locale.ROOT, "%-44s p50 %7.2f ms   p99 %7.2f ms   max %7.1f ms   (paired calls; errors %d)",
                    name, p50ms(), p99ms(), maxMs(), errors);
        }
    }

    private Load() {
    }

    static Result run(String name, int threads, int calls, java.util.function.IntPredicate ok, Call call)
            throws Exception {
        long[] latencies = new long[calls];
        AtomicInteger errors = new AtomicInteger();
        double seconds = onThreads(threads, calls, i -> latencies[i] = timed(call, i, ok, errors));
        Arrays.sort(latencies);
        return new Result(name, calls, errors.get(), seconds, latencies);
    }

    /**
     * Calls {@code a} and {@code b} in turn from every thread (which goes first alternates), so that both meet the
     * same moments of the machine and the service: their latency percentiles compare fairly, where separate
     * runs would each catch their own stalls. Their throughput is not their own here.
     */
    static Result[] paired(String nameA, String nameB, int threads, int pairs, java.util.function.IntPredicate ok,
            Call a, Call b) throws Exception {
        long[] latenciesA = new long[pairs];
        long[] latenciesB = new long[pairs];
        AtomicInteger errorsA = new AtomicInteger();
        AtomicInteger errorsB = new AtomicInteger();
        double seconds = onThreads(threads, pairs, i -> {
            if (i % 2 == 0) {
                latenciesA[i] = timed(a, i, ok, errorsA);
                latenciesB[i] = timed(b, i, ok, errorsB);
            } else {
                latenciesB[i] = timed(b, i, ok, errorsB);
                latenciesA[i] = timed(a, i, ok, errorsA);
            }
        });
        Arrays.sort(latenciesA);
        Arrays.sort(latenciesB);
        return new Result[] { new Result(nameA, pairs, errorsA.get(), seconds, latenciesA),
                new Result(nameB, pairs, errorsB.get(), seconds, latenciesB) };
    }

    /** Runs {@code body} for 0 .. calls-1 from that many threads, each taking the next index; the seconds taken. */
    private static double onThreads(int threads, int calls, java.util.function.IntConsumer body) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < calls) {
                    body.accept(i);
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        return (System.nanoTime() - start) / 1e9;
    }

    /** One call's latency in nanoseconds; a status {@code ok} refuses (or an exception) counts as an error. */
    private static long timed(Call call, int i, java.util.function.IntPredicate ok, AtomicInteger errors) {
        long begin = System.nanoTime();
        int status;
        try {
            status = call.run(i);
        } catch (Exception e) {
            status = -1;
        }
        long latency = System.nanoTime() - begin;
        if (!ok.test(status)) {
            errors.incrementAndGet();
        }
        return latency;
    }

    /** Several runs of the same call as one: calls, errors and time add up, percentiles over all latencies. */
    static Result merge(List<Result> runs) {
        long[] all = runs.stream().flatMapToLong(r -> Arrays.stream(r.latencies())).sorted().toArray();
        return new Result(runs.get(0).name(), runs.stream().mapToInt(Result::calls).sum(),
                runs.stream().mapToInt(Result::errors).sum(), runs.stream().mapToDouble(Result::seconds).sum(), all);
    }

    static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
