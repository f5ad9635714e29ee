package com.agentbattles.marketdata.importer;

import com.agentbattles.domain.market.CandleInterval;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The interval of a file whose name does not say it: close − open + 1 ms, else the smallest step. */
final class IntervalGuess {

    private IntervalGuess() {
    }

    static Optional<CandleInterval> fromRows(List<RawRow> rows) {
        try {
            for (RawRow row : rows.subList(0, Math.min(rows.size(), 50))) {
                if (row.fields().size() >= 7) {
                    long span = TimestampUnits.toEpochMillis(row.fields().get(6))
                            - TimestampUnits.toEpochMillis(row.fields().get(0)) + 1;
                    return byMillis(span);
                }
            }
            long smallest = Long.MAX_VALUE;
            for (int i = 1; i < Math.min(rows.size(), 200); i++) {
                long step = TimestampUnits.toEpochMillis(rows.get(i).fields().get(0))
                        - TimestampUnits.toEpochMillis(rows.get(i - 1).fields().get(0));
                if (step > 0) {
                    smallest = Math.min(smallest, step);
                }
            }
            return smallest == Long.MAX_VALUE ? Optional.empty() : byMillis(smallest);
        } catch (RuntimeException e) {
            return Optional.empty(); // unreadable times: the caller reports that the interval is unknown
        }
    }

    private static Optional<CandleInterval> byMillis(long ms) {
        return Arrays.stream(CandleInterval.values()).filter(i -> i.millis() == ms).findFirst();
    }
}
