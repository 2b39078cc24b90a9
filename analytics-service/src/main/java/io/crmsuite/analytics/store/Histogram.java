package io.crmsuite.analytics.store;

import java.util.Map;

/**
 * Durations in fixed hour buckets, so medians and p90 are read from counts instead of from every complaint. Each
 * bucket also sums its durations, so a percentile is placed around the mean of the values in its bucket: exact
 * when the bucket holds one value, never outside the bucket (the precision documented in the README).
 */
public final class Histogram {

    /** Upper bounds in hours of buckets 0..n-2; the last bucket is open-ended. */
    static final double[] UPPER_HOURS = { 0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 20, 24, 30, 36, 48, 72, 96, 120, 168,
            336, 720 };

    private Histogram() {
    }

    /** The bucket of a duration in seconds. */
    public static int bucketOf(long seconds) {
        double hours = seconds / 3600.0;
        for (int i = 0; i < UPPER_HOURS.length; i++) {
            if (hours <= UPPER_HOURS[i]) {
                return i;
            }
        }
        return UPPER_HOURS.length;
    }

    public static double lowerBound(int bucket) {
        return bucket == 0 ? 0 : UPPER_HOURS[bucket - 1];
    }

    public static double upperBound(int bucket) {
        return bucket < UPPER_HOURS.length ? UPPER_HOURS[bucket] : Double.POSITIVE_INFINITY;
    }

    /**
     * The {@code p} quantile (0..1) in hours from bucket counts and the seconds summed per bucket: inside its
     * bucket the values are taken as spread evenly over the widest range centred on their mean that fits the
     * bucket. Buckets without a sum (stored before sums were kept) spread over the whole bucket, and the open
     * last bucket then answers its lower bound. Null without data.
     */
    public static Double quantile(Map<Integer, Long> counts, Map<Integer, Long> secondsSums, double p) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        double rank = p * total;
        long seen = 0;
        for (int b = 0; b <= UPPER_HOURS.length; b++) {
            long n = counts.getOrDefault(b, 0L);
            if (n > 0 && seen + n >= rank) {
                double within = (rank - seen) / n;
                Long sum = secondsSums.get(b);
                if (sum != null) {
                    double mean = sum / 3600.0 / n;
                    double halfWidth = n == 1 ? 0 : Math.min(mean - lowerBound(b), upperBound(b) - mean);
                    return mean - halfWidth + within * 2 * halfWidth;
                }
                if (b == UPPER_HOURS.length) {
                    return lowerBound(b);
                }
                return lowerBound(b) + within * (upperBound(b) - lowerBound(b));
            }
            seen += n;
        }
        return lowerBound(UPPER_HOURS.length);
    }
}
