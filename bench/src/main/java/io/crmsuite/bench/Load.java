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
    }

    private Load() {
    }

    static Result run(String name, int threads, int calls, java.util.function.IntPredicate ok, Call call)
            throws Exception {
        long[] latencies = new long[calls];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < calls) {
                    long begin = System.nanoTime();
                    int status;
                    try {
                        status = call.run(i);
                    } catch (Exception e) {
                        status = -1;
                    }
                    latencies[i] = System.nanoTime() - begin;
                    if (!ok.test(status)) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(latencies);
        return new Result(name, calls, errors.get(), seconds, latencies);
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
