package com.agentbattles.api.bench;

import java.util.Arrays;
import java.util.Locale;

/** The load drivers' one way to summarise latency samples: nearest-rank percentiles of nanoseconds. */
final class Latencies {

    private Latencies() {
    }

    /** The nearest-rank {@code q}-quantile (0 < q ≤ 1) of the samples, in nanoseconds. */
    static double percentile(long[] nanos, double q) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** "p50 / p99 / max" in milliseconds, two decimals. */
    static String p50p99Max(long[] nanos) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", percentile(nanos, 0.5) / 1e6,
                percentile(nanos, 0.99) / 1e6, percentile(nanos, 1.0) / 1e6);
    }
}
