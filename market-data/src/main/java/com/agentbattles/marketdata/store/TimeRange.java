package com.agentbattles.marketdata.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open span of time [from, toExclusive). */
public record TimeRange(Instant from, Instant toExclusive) {

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(toExclusive, "toExclusive");
        if (toExclusive.isBefore(from)) {
            throw new IllegalArgumentException("range ends before it starts: " + from + " .. " + toExclusive);
        }
    }

    public static TimeRange ofMillis(long fromMs, long toExclusiveMs) {
        return new TimeRange(Instant.ofEpochMilli(fromMs), Instant.ofEpochMilli(toExclusiveMs));
    }

    public Duration length() {
        return Duration.between(from, toExclusive);
    }

    public boolean isEmpty() {
        return from.equals(toExclusive);
    }
}
