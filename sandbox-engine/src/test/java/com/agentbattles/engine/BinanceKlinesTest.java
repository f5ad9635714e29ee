package com.agentbattles.engine;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The property tests are only as good as the candles they read: check the reader on the real file. */
class BinanceKlinesTest {

    private static final Path FILE = BinanceKlines.sharedData().resolve("binance-futures-um/BTCUSDT-1m-2022-11-09.csv");

    @Test
    void readsTheRealDayExactly() {
        List<Candle> candles = BinanceKlines.read(FILE, "BTCUSDT", CandleInterval.ONE_MINUTE);
        assertThat(candles).hasSize(1440);
        assertThat(candles.get(0).openTime()).isEqualTo(Instant.parse("2022-11-09T00:00:00Z"));
        for (int i = 1; i < candles.size(); i++) {
            assertThat(Duration.between(candles.get(i - 1).openTime(), candles.get(i).openTime())).isEqualTo(Duration.ofMinutes(1));
        }
        assertThat(candles).allSatisfy(c -> {
            assertThat(c.low()).isLessThanOrEqualTo(c.open().min(c.close()));
            assertThat(c.high()).isGreaterThanOrEqualTo(c.open().max(c.close()));
            assertThat(c.quoteVolume()).isNotNull();
        });
    }

    @Test
    void readsTheZippedFormAsPublished(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("BTCUSDT-1m-2022-11-09.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipped = new ZipOutputStream(out)) {
            zipped.putNextEntry(new ZipEntry("BTCUSDT-1m-2022-11-09.csv"));
            Files.copy(FILE, zipped);
            zipped.closeEntry();
        }
        assertThat(BinanceKlines.read(zip, "BTCUSDT", CandleInterval.ONE_MINUTE))
                .isEqualTo(BinanceKlines.read(FILE, "BTCUSDT", CandleInterval.ONE_MINUTE));
    }
}
