package io.crmsuite.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * The percentile rule as the README states it, written again for the tests from the raw durations (not from the
 * service's histogram code): the durations fall into hour buckets 0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 20, 24, 30,
 * 36, 48, 72, 96, 120, 168, 336, 720 h (upper bounds, inclusive; the last bucket is open); the percentile's rank
 * p x count lands in one bucket, where the bucket's values are taken as spread evenly over the widest interval
 * centred on their mean that stays inside the bucket.
 */
final class Percentiles {

    private static final double[] UPPER = { 0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 20, 24, 30, 36, 48, 72, 96, 120, 168,
            336, 720 };

    private Percentiles() {
    }

    /** In hours; null without durations. */
    static Double of(List<Long> seconds, double p) {
        if (seconds.isEmpty()) {
            return null;
        }
        List<List<Double>> buckets = new ArrayList<>();
        for (int i = 0; i <= UPPER.length; i++) {
            buckets.add(new ArrayList<>());
        }
        for (long s : seconds) {
            double hours = s / 3600.0;
            int b = 0;
            while (b < UPPER.length && hours > UPPER[b]) {
                b++;
            }
            buckets.get(b).add(hours);
        }
        double rank = p * seconds.size();
        int before = 0;
        for (int b = 0; b < buckets.size(); b++) {
            List<Double> values = buckets.get(b);
            if (!values.isEmpty() && before + values.size() >= rank) {
                double mean = values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
                double low = b == 0 ? 0 : UPPER[b - 1];
                double high = b < UPPER.length ? UPPER[b] : Double.POSITIVE_INFINITY;
                double half = values.size() == 1 ? 0 : Math.min(mean - low, high - mean);
                return mean - half + (rank - before) / values.size() * 2 * half;
            }
            before += values.size();
        }
        throw new IllegalStateException("rank beyond the durations");
    }
}
