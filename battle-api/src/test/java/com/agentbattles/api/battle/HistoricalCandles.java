package com.agentbattles.api.battle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The test's own reading of a Binance 12-column kline CSV, independent of the server's importer,
 * so that expectations are computed from the published file and not from what the server stored.
 */
record HistoricalCandles(List<Row> rows) {

    record Row(long openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal quoteVolume) {
    }

    static Path shared(String relative) {
        return com.agentbattles.api.support.SharedData.file(relative);
    }

    static HistoricalCandles read(Path csv) {
        try {
            List<Row> rows = Files.readAllLines(csv).stream()
                    .filter(line -> !line.isBlank() && Character.isDigit(line.charAt(0)))
                    .map(line -> line.split(","))
                    .map(f -> new Row(Long.parseLong(f[0]), new BigDecimal(f[1]), new BigDecimal(f[2]), new BigDecimal(f[3]),
                            new BigDecimal(f[4]), new BigDecimal(f[7])))
                    .toList();
            return new HistoricalCandles(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The candle of step k (1-based): the k-th minute of the day. */
    Row step(long k) {
        return rows.get((int) (k - 1));
    }
}
