package com.agentbattles.marketdata.importer;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns raw rows into candles and refuses, row by row, what is not a plausible kline:
 * wrong column count, bad numbers, high &lt; low, open/close outside [low, high], negative volume,
 * an open time off the interval grid, a close time that contradicts the interval, and time that
 * does not move forward (duplicates included).
 */
final class KlineRowReader {

    private static final String[] PRICE_COLUMNS = {"open", "high", "low", "close", "volume"};

    record Result(List<Candle> accepted, List<RejectedRow> rejected, boolean microseconds) {
    }

    private KlineRowReader() {
    }

    static Result read(String symbol, CandleInterval interval, KlineFormat format, List<RawRow> rows) {
        int expected = format == KlineFormat.SIX_COLUMN_JSON ? 6 : 12;
        List<Candle> accepted = new ArrayList<>(rows.size());
        List<RejectedRow> rejected = new ArrayList<>();
        boolean micros = false;
        long previous = Long.MIN_VALUE;
        for (RawRow row : rows) {
            List<String> f = row.fields();
            // Binance CSVs have 12 columns; allow 11 (some tools drop "ignore") and the 6 of freqtrade
            if (f.size() < 6 || (format != KlineFormat.SIX_COLUMN_JSON && f.size() < 11)) {
                rejected.add(new RejectedRow(row.row(), "expected " + expected + " columns, found " + f.size()));
                continue;
            }
            long openMs;
            try {
                openMs = TimestampUnits.toEpochMillis(f.get(0));
                micros |= TimestampUnits.isMicros(f.get(0).trim());
            } catch (RuntimeException e) {
                rejected.add(new RejectedRow(row.row(), "bad number in column open_time: '" + f.get(0) + "'"));
                continue;
            }
            BigDecimal[] v = new BigDecimal[5];
            String bad = null;
            for (int i = 0; i < 5 && bad == null; i++) {
                v[i] = decimal(f.get(i + 1));
                if (v[i] == null) {
                    bad = "bad number in column " + PRICE_COLUMNS[i] + ": '" + f.get(i + 1) + "'";
                }
            }
            BigDecimal quoteVolume = null;
            long trades = -1;
            Long closeMs = null;
            if (bad == null && f.size() >= 9) {
                try {
                    closeMs = TimestampUnits.toEpochMillis(f.get(6));
                } catch (RuntimeException e) {
                    bad = "bad number in column close_time: '" + f.get(6) + "'";
                }
                quoteVolume = decimal(f.get(7));
                if (bad == null && quoteVolume == null) {
                    bad = "bad number in column quote_volume: '" + f.get(7) + "'";
                }
                try {
                    trades = bad == null ? Long.parseLong(f.get(8).trim()) : -1;
                } catch (NumberFormatException e) {
                    bad = "bad number in column count: '" + f.get(8) + "'";
                }
            }
            if (bad == null) {
                bad = checkValues(v, quoteVolume, trades, openMs, closeMs, interval);
            }
            if (bad == null && openMs <= previous) {
                bad = "non-monotonic time: " + Instant.ofEpochMilli(openMs) + " is not after "
                        + Instant.ofEpochMilli(previous);
            }
            if (bad != null) {
                rejected.add(new RejectedRow(row.row(), bad));
                continue;
            }
            previous = openMs;
            accepted.add(new Candle(symbol, interval, Instant.ofEpochMilli(openMs),
                    v[0], v[1], v[2], v[3], v[4], quoteVolume, trades));
        }
        return new Result(accepted, rejected, micros);
    }

    private static String checkValues(BigDecimal[] v, BigDecimal quoteVolume, long trades, long openMs,
                                      Long closeMs, CandleInterval interval) {
        BigDecimal open = v[0], high = v[1], low = v[2], close = v[3], volume = v[4];
        if (low.signum() <= 0) {
            return "price not positive: low " + low.toPlainString();
        }
        if (high.compareTo(low) < 0) {
            return "high < low (" + high.toPlainString() + " < " + low.toPlainString() + ")";
        }
        if (open.compareTo(low) < 0 || open.compareTo(high) > 0) {
            return "open " + open.toPlainString() + " outside [low, high]";
        }
        if (close.compareTo(low) < 0 || close.compareTo(high) > 0) {
            return "close " + close.toPlainString() + " outside [low, high]";
        }
        if (volume.signum() < 0 || (quoteVolume != null && quoteVolume.signum() < 0) || trades < -1) {
            return "negative volume or trade count";
        }
        if (Math.floorMod(openMs, interval.millis()) != 0) {
            return "open time " + Instant.ofEpochMilli(openMs) + " is not on the " + interval.code() + " grid";
        }
        if (closeMs != null && closeMs != openMs + interval.millis() - 1) {
            return "close time " + Instant.ofEpochMilli(closeMs) + " does not match a " + interval.code()
                    + " candle opening at " + Instant.ofEpochMilli(openMs);
        }
        return null;
    }

    /** Exact decimal from the text, or null when it is not a finite number. */
    private static BigDecimal decimal(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
