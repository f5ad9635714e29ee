package com.agentbattles.marketdata.store;

import com.agentbattles.domain.market.Candle;
import com.agentbattles.domain.market.CandleInterval;
import com.agentbattles.marketdata.SharedData;
import com.agentbattles.marketdata.TestDatabase;
import com.agentbattles.marketdata.importer.ImportOptions;
import com.agentbattles.marketdata.importer.ImportService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Range reads, aggregation from 1m and coverage on the real spot data of 2023-03-16..05-01
 * (BTC/ETH 1m stored; 5m and 1h derived or stored).
 */
class CandleStoreTest {

    private static JdbcCandleStore store;

    @BeforeAll
    static void load() {
        TestDatabase.clearCandles();
        store = new JdbcCandleStore(TestDatabase.jdbc(), TestDatabase.transactionManager());
        ImportService importer = new ImportService(store);
        for (String sym : List.of("BTCUSDT", "ETHUSDT")) {
            importer.importFile(SharedData.file("binance-spot-freqtrade/" + sym + "-1m-2023-03-16_2023-05-01.json.gz"),
                    ImportOptions.FROM_FILE_NAME);
        }
    }

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    @Test
    void fiveMinuteCandlesDerivedFrom1mEqualBinancesOwn5mFile() {
        // Binance's own 5m file, stored under another name so it cannot stand in for the derived ones
        new ImportService(store).importFile(
                SharedData.file("binance-spot-freqtrade/BTCUSDT-5m-2023-03-16_2023-05-01.json.gz"),
                new ImportOptions("REF5MBTC", null));
        Instant from = t("2023-03-16T00:00:00Z");
        Instant to = t("2023-05-01T21:00:00Z"); // the file ends with 20:55; 21:00 would be a partial bucket
        List<Candle> binance5m = store.range("REF5MBTC", CandleInterval.FIVE_MINUTES, from, to);
        List<Candle> derived = store.range("BTCUSDT", CandleInterval.FIVE_MINUTES, from, to);
        assertThat(derived).hasSize(binance5m.size()).hasSize(13_217);
        for (int i = 0; i < derived.size(); i++) {
            Candle d = derived.get(i);
            Candle b = binance5m.get(i);
            assertThat(d.openTime()).isEqualTo(b.openTime());
            assertThat(d.open()).isEqualByComparingTo(b.open());
            assertThat(d.high()).isEqualByComparingTo(b.high());
            assertThat(d.low()).isEqualByComparingTo(b.low());
            assertThat(d.close()).isEqualByComparingTo(b.close());
            assertThat(d.volume()).isCloseTo(b.volume(), within(new BigDecimal("0.000001")));
            assertThat(d.quoteVolume()).isNull(); // the 6-column source has no quote volume
            assertThat(d.tradeCount()).isEqualTo(-1);
            assertThat(d.interval()).isEqualTo(CandleInterval.FIVE_MINUTES);
        }
    }

    @Test
    void hourlyCandleDuringTheHaltIsMissingAndThePartialHourExists() {
        List<Candle> hours = store.range("BTCUSDT", CandleInterval.ONE_HOUR,
                t("2023-03-24T11:00:00Z"), t("2023-03-24T15:00:00Z"));
        assertThat(hours).extracting(Candle::openTime).containsExactly(
                t("2023-03-24T11:00:00Z"), t("2023-03-24T12:00:00Z"), t("2023-03-24T14:00:00Z"));
        Coverage coverage = store.coverage("BTCUSDT", CandleInterval.ONE_HOUR);
        assertThat(coverage.gaps()).containsExactly(new TimeRange(t("2023-03-24T13:00:00Z"), t("2023-03-24T14:00:00Z")));
        assertThat(coverage.first()).contains(t("2023-03-16T22:00:00Z"));
        assertThat(coverage.end()).contains(t("2023-05-01T22:00:00Z"));
    }

    @Test
    void storedCandlesOfTheIntervalWinOverDerivedOnes() {
        Instant hour = t("2023-04-10T10:00:00Z");
        Candle stored = new Candle("ETHUSDT", CandleInterval.ONE_HOUR, hour, new BigDecimal("1.5"),
                new BigDecimal("2.5"), new BigDecimal("1.0"), new BigDecimal("2.0"), new BigDecimal("10"),
                new BigDecimal("20.00"), 7);
        store.upsert(List.of(stored));
        try {
            List<Candle> read = store.range("ETHUSDT", CandleInterval.ONE_HOUR, hour.minusSeconds(3600),
                    hour.plusSeconds(7200));
            assertThat(read).hasSize(3);
            assertThat(read.get(1)).isEqualTo(stored);
            assertThat(read.get(1).quoteVolume().toPlainString()).isEqualTo("20.00"); // scale survives
        } finally {
            TestDatabase.jdbc().update("delete from market_candle where interval_code = '1h'");
        }
    }

    @Test
    void upsertIsIdempotent() {
        List<Candle> day = store.range("BTCUSDT", CandleInterval.ONE_MINUTE, t("2023-04-02T00:00:00Z"),
                t("2023-04-03T00:00:00Z"));
        assertThat(day).hasSize(1440);
        UpsertResult again = store.upsert(day);
        assertThat(again).isEqualTo(new UpsertResult(0, 1440));
    }

    @Test
    void missingRangesNameTheHaltAndTheEdges() {
        List<MissingRange> missing = store.missingRanges(List.of("ETHUSDT", "BTCUSDT"), CandleInterval.ONE_MINUTE,
                t("2023-03-24T00:00:00Z"), t("2023-03-25T00:00:00Z"));
        TimeRange halt = new TimeRange(t("2023-03-24T12:40:00Z"), t("2023-03-24T14:00:00Z"));
        assertThat(missing).containsExactly(new MissingRange("BTCUSDT", halt), new MissingRange("ETHUSDT", halt));
        assertThat(store.isCovered(List.of("BTCUSDT", "ETHUSDT"), CandleInterval.FIVE_MINUTES,
                t("2023-04-01T00:00:00Z"), t("2023-04-30T00:00:00Z"))).isTrue();
        assertThat(store.missingRanges(List.of("BTCUSDT", "DOGEUSDT"), CandleInterval.ONE_HOUR,
                t("2023-05-01T20:00:00Z"), t("2023-05-02T00:00:00Z")))
                .containsExactly(
                        new MissingRange("BTCUSDT", new TimeRange(t("2023-05-01T22:00:00Z"), t("2023-05-02T00:00:00Z"))),
                        new MissingRange("DOGEUSDT", new TimeRange(t("2023-05-01T20:00:00Z"), t("2023-05-02T00:00:00Z"))));
    }

    @Test
    void latestCoveredWindowEndsOnTheLastCommonCandle() {
        Optional<TimeRange> week = store.latestCoveredWindow(List.of("BTCUSDT", "ETHUSDT"), CandleInterval.ONE_HOUR,
                Duration.ofDays(7));
        // both 1m series end at 21:01, so the last whole common hour is 21:00 and the window ends at 22:00
        assertThat(week).contains(new TimeRange(t("2023-04-24T22:00:00Z"), t("2023-05-01T22:00:00Z")));
        assertThat(store.latestCoveredWindow(List.of("BTCUSDT"), CandleInterval.ONE_MINUTE, Duration.ofDays(30)))
                .contains(new TimeRange(t("2023-04-01T21:02:00Z"), t("2023-05-01T21:02:00Z")));
        // 40 days would reach back over the halt of 2023-03-24
        assertThat(store.latestCoveredWindow(List.of("BTCUSDT"), CandleInterval.ONE_MINUTE, Duration.ofDays(40))).isEmpty();
    }

    @Test
    void aMonthOf1mCandlesForTwoPairsLoadsWellUnderASecond() {
        Instant from = t("2023-04-01T00:00:00Z");
        Instant to = t("2023-05-01T00:00:00Z");
        long best = Long.MAX_VALUE;
        int rows = 0;
        for (int attempt = 0; attempt < 3; attempt++) { // best of three: the machine is shared
            long start = System.nanoTime();
            rows = store.range("BTCUSDT", CandleInterval.ONE_MINUTE, from, to).size()
                    + store.range("ETHUSDT", CandleInterval.ONE_MINUTE, from, to).size();
            best = Math.min(best, (System.nanoTime() - start) / 1_000_000);
        }
        assertThat(rows).isEqualTo(2 * 30 * 1440);
        System.out.printf("two pairs × 30 days of 1m (%d candles): best %d ms%n", rows, best);
        assertThat(best).isLessThan(1000);
    }

    @Test
    void limitReturnsTheNewestCandlesOldestFirst() {
        List<Candle> last = store.range("BTCUSDT", CandleInterval.FIVE_MINUTES, t("2023-01-01T00:00:00Z"),
                t("2024-01-01T00:00:00Z"), 3, true);
        assertThat(last).extracting(Candle::openTime).containsExactly(
                t("2023-05-01T20:50:00Z"), t("2023-05-01T20:55:00Z"), t("2023-05-01T21:00:00Z"));
        // the last 5m bucket holds only the 21:00 and 21:01 minutes: a partial candle, as on Binance
        assertThat(store.latestBefore("BTCUSDT", CandleInterval.ONE_MINUTE, t("2023-05-01T21:01:00Z")))
                .map(Candle::openTime).contains(t("2023-05-01T21:00:00Z"));
    }
}
