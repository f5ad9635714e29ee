package com.agentbattles.engine;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipInputStream;

/**
 * Test-only reader of the real Binance klines in the shared data folder: the standard 12-column
 * CSV of data.binance.vision, plain or zipped as published, with or without its header line.
 * Numbers are kept exactly as written.
 */
final class BinanceKlines {

    private BinanceKlines() {
    }

    /** The shared data folder, as surefire passes it (see the parent pom). */
    static Path sharedData() {
        String dir = System.getProperty("battles.shared.dir");
        if (dir == null) {
            throw new IllegalStateException("system property battles.shared.dir is not set (surefire sets it)");
        }
        Path data = Path.of(dir, "data");
        if (!Files.isDirectory(data)) {
            throw new IllegalStateException("no shared data at " + data.toAbsolutePath());
        }
        return data;
    }

    static List<Candle> read(Path file, String symbol, CandleInterval interval) {
        try (InputStream raw = Files.newInputStream(file)) {
            if (file.getFileName().toString().endsWith(".zip")) {
                ZipInputStream zip = new ZipInputStream(raw);
                if (zip.getNextEntry() == null) {
                    throw new IllegalStateException(file + " is an empty zip");
                }
                return parse(zip, symbol, interval);
            }
            return parse(raw, symbol, interval);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Candle> parse(InputStream in, String symbol, CandleInterval interval) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<Candle> candles = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank() || !Character.isDigit(line.charAt(0))) {
                continue; // the header, when there is one
            }
            String[] f = line.split(",");
            candles.add(new Candle(symbol, interval, Instant.ofEpochMilli(Long.parseLong(f[0])),
                    new BigDecimal(f[1]), new BigDecimal(f[2]), new BigDecimal(f[3]), new BigDecimal(f[4]),
                    new BigDecimal(f[5]), new BigDecimal(f[7]), Long.parseLong(f[8])));
        }
        return candles;
    }
}
