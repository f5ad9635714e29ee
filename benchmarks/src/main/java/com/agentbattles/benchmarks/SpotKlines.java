package com.agentbattles.benchmarks;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the real Binance spot klines saved by freqtrade in the shared data folder
 * ({@code [[open_time_ms, open, high, low, close, volume], …]}, gzipped), keeping every number
 * exactly as written. No quote volume in these files: {@link Candle#quoteVolumeOrEstimate()} applies.
 */
final class SpotKlines {

    private SpotKlines() {
    }

    /** {@code -Dbattles.shared.dir=…}, else {@code ../shared} from the working directory (the repository root). */
    static Path sharedData() {
        Path data = Path.of(System.getProperty("battles.shared.dir", "../shared"), "data");
        if (!Files.isDirectory(data)) {
            throw new IllegalStateException("no shared data at " + data.toAbsolutePath()
                    + "; run from the repository root or pass -Dbattles.shared.dir=/path/to/shared");
        }
        return data;
    }

    static List<Candle> read(Path file, String symbol, CandleInterval interval) {
        String json;
        try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            json = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Candle> candles = new ArrayList<>();
        int i = json.indexOf('[') + 1;
        while (true) {
            int open = json.indexOf('[', i);
            if (open < 0) {
                break;
            }
            int close = json.indexOf(']', open);
            String[] f = json.substring(open + 1, close).split(",");
            candles.add(new Candle(symbol, interval, Instant.ofEpochMilli(Long.parseLong(f[0].trim())),
                    new BigDecimal(f[1].trim()), new BigDecimal(f[2].trim()), new BigDecimal(f[3].trim()),
                    new BigDecimal(f[4].trim()), new BigDecimal(f[5].trim()), null, -1));
            i = close + 1;
        }
        return candles;
    }
}
