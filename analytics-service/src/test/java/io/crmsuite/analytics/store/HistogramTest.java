package io.crmsuite.analytics.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HistogramTest {

    private final Map<Integer, Long> counts = new HashMap<>();
    private final Map<Integer, Long> sums = new HashMap<>();

    private void record(long... seconds) {
        for (long s : seconds) {
            counts.merge(Histogram.bucketOf(s), 1L, Long::sum);
            sums.merge(Histogram.bucketOf(s), s, Long::sum);
        }
    }

    @Test
    void oneValueIsAnsweredExactly() {
        record(30);
        assertEquals(30 / 3600.0, Histogram.quantile(counts, sums, 0.5), 1e-9);
        assertEquals(30 / 3600.0, Histogram.quantile(counts, sums, 0.9), 1e-9);
    }

    @Test
    void valuesCloseTogetherAreAnsweredCloseToThem() {
        record(100, 110, 120, 130, 140); // all in the first bucket (up to 15 minutes)
        double median = Histogram.quantile(counts, sums, 0.5);
        double p90 = Histogram.quantile(counts, sums, 0.9);
        assertTrue(Math.abs(median - 120 / 3600.0) < 60 / 3600.0, "median " + median * 3600 + " s");
        assertTrue(p90 >= median && p90 <= 240 / 3600.0, "p90 " + p90 * 3600 + " s");
    }

    @Test
    void anAnswerNeverLeavesTheBucketOfTheTrueQuantile() {
        List<Long> values = List.of(60L, 600L, 800L, 3_000L, 5_000L, 7_000L, 30_000L, 90_000L, 200_000L, 400_000L);
        values.forEach(this::record);
        for (double p : new double[] { 0.1, 0.5, 0.9 }) {
            long truth = values.get((int) Math.ceil(p * values.size()) - 1);
            int bucket = Histogram.bucketOf(truth);
            double answer = Histogram.quantile(counts, sums, p);
            assertTrue(answer >= Histogram.lowerBound(bucket) && answer <= Histogram.upperBound(bucket),
                    "p" + p + ": " + answer + " h outside the bucket of " + truth + " s");
        }
    }

    @Test
    void bucketsStoredWithoutSumsAreInterpolatedOverTheBucket() {
        counts.put(0, 2L);
        assertEquals(0.125, Histogram.quantile(counts, Map.of(), 0.5), 1e-9);
        assertNull(Histogram.quantile(Map.of(), Map.of(), 0.5));
    }
}
